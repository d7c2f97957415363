using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Audit;

namespace Orchestrator.Application.Audit.ListAuditEvents;

/// <summary>
/// The audit list's <c>totalCount</c>. A list filtered by nothing but time counts the whole hours inside its range from the
/// counts the database keeps per hour (<see cref="AuditHourCount"/>) and only the partial hours at its ends from the time
/// index, in one statement: its cost follows the range's length in hours, not how many events the log holds
/// (docs/decisions/0043-audit-counts-kept-per-hour.md). A list by user, resource or action is a range of that filter's
/// index.
/// </summary>
internal static class AuditEventCount
{
    public static async Task<int> CountAsync(
        IApplicationDbContext db, ListAuditEventsQuery query, IQueryable<AuditEvent> matching, CancellationToken cancellationToken)
    {
        if (query.UserIdFilter is not null || query.ResourceIdFilter is not null || !string.IsNullOrEmpty(query.Action))
        {
            return await matching.CountAsync(cancellationToken);
        }

        var (from, to) = (query.From?.ToUniversalTime(), query.To?.ToUniversalTime());
        var firstWholeHour = from is { } start ? HourOf(start) < start ? HourOf(start).AddHours(1) : start : (DateTimeOffset?)null;
        var endOfWholeHours = to is { } end ? HourOf(end) : (DateTimeOffset?)null;
        if (firstWholeHour >= endOfWholeHours)
        {
            // Within an hour or two: no whole hour to take from the kept counts.
            return await matching.CountAsync(cancellationToken);
        }

        return checked((int)await InRange(db, firstWholeHour, endOfWholeHours, matching).SumAsync(cancellationToken));
    }

    /// <summary>
    /// The kept counts of the whole hours from <paramref name="firstWholeHour"/> to <paramref name="endOfWholeHours"/>
    /// (each end open when null: the log's start or its end), then a 1 for each matching event before and after them.
    /// </summary>
    internal static IQueryable<long> InRange(
        IApplicationDbContext db, DateTimeOffset? firstWholeHour, DateTimeOffset? endOfWholeHours, IQueryable<AuditEvent> matching)
    {
        var hours = db.AuditHourCounts.AsNoTracking();
        if (firstWholeHour is { } first)
        {
            hours = hours.Where(h => h.Hour >= first);
        }

        if (endOfWholeHours is { } end)
        {
            hours = hours.Where(h => h.Hour < end);
        }

        var counts = hours.Select(h => h.Count);
        if (firstWholeHour is { } before)
        {
            counts = counts.Concat(matching.Where(e => e.OccurredAt < before).Select(e => 1L));
        }

        if (endOfWholeHours is { } after)
        {
            counts = counts.Concat(matching.Where(e => e.OccurredAt >= after).Select(e => 1L));
        }

        return counts;
    }

    private static DateTimeOffset HourOf(DateTimeOffset utc) => new(utc.UtcTicks - (utc.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
