using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Lifecycle;

/// <summary>
/// One pass of the expiry scan: walks the resources whose <see cref="Resource.ExpiryCheckAt"/> is due, oldest first, in
/// bounded batches from its index. Each one is claimed (its check time moved forward by a conditional UPDATE: the
/// lease), then warned (<c>resource.expiring</c>), expired through the ordinary delete path (<c>resource.expired</c>) or,
/// when protected, blocked (<c>resource.expiry-blocked</c>), and saved only while the claim still holds. Any number of
/// instances may scan one database; each action is recorded once (docs/decisions/0028-expiry-protection-and-recovery.md).
/// </summary>
public sealed partial class ExpiryScan(
    IApplicationDbContext db,
    TimeProvider clock,
    IOptions<LifecycleOptions> options,
    ILogger<ExpiryScan> logger)
{
    /// <summary>Works every due resource, batch after batch; returns how many this scan acted on.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var acted = 0;
        while (true)
        {
            var (found, done) = await RunBatchAsync(cancellationToken);
            acted += done;
            if (found < options.Value.BatchSize)
            {
                return acted;
            }
        }
    }

    /// <summary>One batch: how many due resources it found and how many of them it acted on.</summary>
    public async Task<(int Found, int Acted)> RunBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        var due = await Due(db.Resources.AsNoTracking(), now, options.Value.BatchSize).ToListAsync(cancellationToken);

        var acted = 0;
        foreach (var candidate in due)
        {
            if (await TryActAsync(candidate.Id, candidate.ExpiryCheckAt, cancellationToken))
            {
                acted++;
            }
        }

        return (due.Count, acted);
    }

    /// <summary>
    /// The due resources, oldest due first: a bounded range of the (status, check time) index for each status a scan
    /// looks at, each read in index order up to the batch, then merged. One query over both statuses would read and sort
    /// every due row for every batch, which grows with the fleet when many expire at once. A resource still being
    /// created is looked at when its creation has ended (active or failed).
    /// </summary>
    public static IQueryable<ExpiryCandidate> Due(IQueryable<Resource> resources, DateTimeOffset now, int batchSize)
    {
        var active = DueIn(resources, ResourceStatus.Active, now, batchSize);
        var failed = DueIn(resources, ResourceStatus.Failed, now, batchSize);
        return active.Concat(failed)
            .OrderBy(r => r.ExpiryCheckAt)
            .Take(batchSize)
            .Select(r => new ExpiryCandidate(r.Id, r.ExpiryCheckAt));
    }

    private static IQueryable<DueRow> DueIn(IQueryable<Resource> resources, ResourceStatus status, DateTimeOffset now, int batchSize) =>
        resources
            .Where(r => r.Status == status && r.ExpiryCheckAt != null && r.ExpiryCheckAt <= now)
            .OrderBy(r => r.ExpiryCheckAt)
            .Take(batchSize)
            .Select(r => new DueRow { Id = r.Id, ExpiryCheckAt = r.ExpiryCheckAt });

    private async Task<bool> TryActAsync(Guid resourceId, DateTimeOffset? seen, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimedUntil = now + options.Value.ClaimDuration;
        var claimed = await db.Resources
            .Where(r => r.Id == resourceId && r.ExpiryCheckAt == seen)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ExpiryCheckAt, claimedUntil), cancellationToken);
        if (claimed != 1)
        {
            // Another scan claimed it, or a change rescheduled it.
            return false;
        }

        try
        {
            var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken);
            if (resource is null)
            {
                return false;
            }

            if (resource.ExpiresAt is { } expiresAt && now < expiresAt)
            {
                resource.NoteExpiring(now);
                LogExpiring(logger, resource.Id, expiresAt);
            }
            else if (resource.ExpiresAt is not null)
            {
                var kind = ResourceDeletion.JobKindFor(resource);
                if (resource.Expire(now, options.Value.BlockedExpiryRecheck))
                {
                    ResourceDeletion.AddJob(db, resource.Id, kind, now);
                    LogExpired(logger, resource.Id);
                }
                else if (resource.DeletionProtection)
                {
                    LogBlocked(logger, resource.Id);
                }
            }
            else
            {
                resource.NoteExpiring(now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed (or claimed again after this scan's lease ran out) since the claim: whoever changed it wins;
            // the resource is looked at again when it is next due.
            return false;
        }
        finally
        {
            db.DiscardChanges();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resource {ResourceId} expires at {ExpiresAt}: warned")]
    private static partial void LogExpiring(ILogger logger, Guid resourceId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resource {ResourceId} expired: deletion requested")]
    private static partial void LogExpired(ILogger logger, Guid resourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resource {ResourceId} expired but its deletion protection is on: not deleted")]
    private static partial void LogBlocked(ILogger logger, Guid resourceId);

    /// <summary>The columns the merged ranges carry (a set operation needs a type EF can read column by column).</summary>
    private sealed class DueRow
    {
        public Guid Id { get; init; }

        public DateTimeOffset? ExpiryCheckAt { get; init; }
    }
}
