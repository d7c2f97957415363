using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Audit;

namespace Orchestrator.Application.Audit.ListAuditEvents;

/// <summary>
/// The audit list's <c>totalCount</c>. A list filtered by nothing but time counts the whole hours inside its range from the
/// counts the database keeps per hour (<see cref="AuditHourCount"/>) and only the partial hours at its ends from the time
/// index, in one statement: its cost follows the range's length in hours, not how many events the log holds
/// (docs/decisions/0043-audit-counts-kept-per-hour.md). A list by user alone reads that user's kept counts
/// (<see cref="AuditUserCount"/>, docs/decisions/0055-audit-counts-kept-per-user.md): a user's history only grows. A list
/// by resource or action, or by user and anything else, is a range of that filter's index.
/// </summary>
internal static class AuditEventCount
{
    public static async Task<int> CountAsync(
        IApplicationDbContext db, ListAuditEventsQuery query, IQueryable<AuditEvent> matching, CancellationToken cancellationToken)
    {
        var byUserOnly = query.ResourceIdFilter is null && string.IsNullOrEmpty(query.Action) && query.From is null && query.To is null;
        var kept = query.UserIdFilter switch
        {
            { } userId when byUserOnly => OfUser(db, userId),
            null when query.ResourceIdFilter is null && string.IsNullOrEmpty(query.Action) => InRange(db, query.From, query.To),
            _ => null,
        };
        return kept is null ? await matching.CountAsync(cancellationToken) : checked((int)await kept.SumAsync(cancellationToken));
    }

    /// <summary>The kept counts of one user's events (one row per slice of them).</summary>
    internal static IQueryable<long> OfUser(IApplicationDbContext db, Guid userId) =>
        db.AuditUserCounts.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.Count);

    /// <summary>
    /// The kept counts of the whole hours between <paramref name="from"/> and <paramref name="to"/> (an end left open
    /// when null), then a 1 for each event of the partial hour at either end; null when the range holds no whole hour.
    /// </summary>
    internal static IQueryable<long>? InRange(IApplicationDbContext db, DateTimeOffset? from, DateTimeOffset? to)
    {
        var (start, end) = (from?.ToUniversalTime(), to?.ToUniversalTime());
        var firstWholeHour = start is { } s ? (HourOf(s) == s ? s : HourOf(s).AddHours(1)) : (DateTimeOffset?)null;
        var endOfWholeHours = end is { } e ? HourOf(e) : (DateTimeOffset?)null;
        if (firstWholeHour >= endOfWholeHours)
        {
            return null;
        }

        var hours = db.AuditHourCounts.AsNoTracking();
        if (firstWholeHour is { } first)
        {
            hours = hours.Where(h => h.Hour >= first);
        }

        if (endOfWholeHours is { } last)
        {
            hours = hours.Where(h => h.Hour < last);
        }

        // Each end is one range of the time index with exactly its two bounds: given the range's own bounds as well,
        // SQLite seeks by one lower and one upper bound of its choosing, and may read the whole range.
        var counts = hours.Select(h => h.Count);
        var events = db.AuditEvents.AsNoTracking();
        if (start is { } low && firstWholeHour is { } lowEnd && low < lowEnd)
        {
            counts = counts.Concat(events.Where(e => e.OccurredAt >= low && e.OccurredAt < lowEnd).Select(e => 1L));
        }

        if (end is { } high && endOfWholeHours is { } highStart)
        {
            counts = counts.Concat(events.Where(e => e.OccurredAt >= highStart && e.OccurredAt <= high).Select(e => 1L));
        }

        return counts;
    }

    private static DateTimeOffset HourOf(DateTimeOffset utc) => new(utc.UtcTicks - (utc.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
