using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Lifecycle;

/// <summary>
/// One pass of the expiry scan: walks the resources whose <see cref="Resource.ExpiryCheckAt"/> is due, oldest first, in
/// bounded batches from its index. A batch is claimed in one transaction (each resource's check time moved forward by a
/// conditional UPDATE: the lease), then acted on in a second: each claimed resource is warned (<c>resource.expiring</c>),
/// expired through the ordinary delete path (<c>resource.expired</c>) or, when protected, blocked
/// (<c>resource.expiry-blocked</c>), and the batch is saved at once, a resource changed since its claim left out alone.
/// Any number of instances may scan one database; each action is recorded once
/// (docs/decisions/0028-expiry-protection-and-recovery.md, docs/decisions/0054-expiry-a-batch-at-a-time.md).
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
        if (due.Count == 0)
        {
            return (0, 0);
        }

        // Whole milliseconds, which every provider stores exactly (SQLite's form keeps 0.1 ms): the act compares it as read back.
        var claimedUntil = now + options.Value.ClaimDuration;
        claimedUntil = claimedUntil.AddTicks(-(claimedUntil.Ticks % TimeSpan.TicksPerMillisecond));
        var claimed = await ClaimAsync(due, claimedUntil, cancellationToken);
        if (claimed.Count == 0)
        {
            return (due.Count, 0);
        }

        try
        {
            return (due.Count, await ActAsync(claimed, claimedUntil, cancellationToken));
        }
        finally
        {
            db.DiscardChanges();
        }
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

    /// <summary>
    /// Claims the candidates still holding the check time the scan read, in one transaction; returns the claimed ids.
    /// One another scan claimed, or a change rescheduled, is not claimed.
    /// </summary>
    private Task<List<Guid>> ClaimAsync(List<ExpiryCandidate> due, DateTimeOffset claimedUntil, CancellationToken cancellationToken) =>
        db.InOneTransactionAsync(
            async ct =>
            {
                var claimed = new List<Guid>(due.Count);
                foreach (var candidate in due)
                {
                    var (id, seen) = (candidate.Id, candidate.ExpiryCheckAt);
                    var rows = await db.Resources
                        .Where(r => r.Id == id && r.ExpiryCheckAt == seen)
                        .ExecuteUpdateAsync(set => set.SetProperty(r => r.ExpiryCheckAt, claimedUntil), ct);
                    if (rows == 1)
                    {
                        claimed.Add(id);
                    }
                }

                return claimed;
            },
            cancellationToken);

    /// <summary>
    /// Acts on the claimed resources and saves them at once. <see cref="Resource.ExpiryCheckAt"/> is a concurrency token:
    /// a resource whose claim was taken over or that a change rescheduled since it was read here is refused by its check
    /// and left out alone, with its delete job and the audit rows written about it. Returns how many were acted on.
    /// </summary>
    private Task<int> ActAsync(List<Guid> claimed, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        // Not run again on failure (its save accepts changes as it goes): the claims run out, and the resources are due
        // again after the claim duration.
        return db.InOneTransactionOnceAsync(
            async ct =>
            {
                var now = clock.GetUtcNow();
                var resources = await db.Resources.Where(r => claimed.Contains(r.Id)).ToListAsync(ct);
                var jobs = new Dictionary<object, object>(ReferenceEqualityComparer.Instance);
                var actions = new List<(Resource Resource, ExpiryAction Action)>(resources.Count);
                foreach (var resource in resources.Where(r => r.ExpiryCheckAt == claimedUntil))
                {
                    actions.Add((resource, Act(resource, now, jobs)));
                }

                var leftOut = await db.SaveLeavingOutConflictsAsync(
                    entity => jobs.TryGetValue(entity, out var job) ? [job] : [],
                    ct);
                var saved = actions.Where(a => !leftOut.Contains(a.Resource)).ToList();
                foreach (var (resource, action) in saved)
                {
                    Log(resource, action);
                }

                return saved.Count;
            },
            cancellationToken);
    }

    /// <summary>What the scan does to one claimed resource as it stands now; a delete job is added to <paramref name="jobs"/>.</summary>
    private ExpiryAction Act(Resource resource, DateTimeOffset now, Dictionary<object, object> jobs)
    {
        if (resource.ExpiresAt is { } expiresAt && now < expiresAt)
        {
            resource.NoteExpiring(now);
            return ExpiryAction.Warned;
        }

        if (resource.ExpiresAt is null)
        {
            resource.NoteExpiring(now);
            return ExpiryAction.None;
        }

        var kind = ResourceDeletion.JobKindFor(resource);
        if (resource.Expire(now, options.Value.BlockedExpiryRecheck))
        {
            jobs[resource] = ResourceDeletion.AddJob(db, resource.Id, kind, now);
            return ExpiryAction.Expired;
        }

        return resource.DeletionProtection ? ExpiryAction.Blocked : ExpiryAction.None;
    }

    private void Log(Resource resource, ExpiryAction action)
    {
        switch (action)
        {
            case ExpiryAction.Warned:
                LogExpiring(logger, resource.Id, resource.ExpiresAt.GetValueOrDefault());
                break;
            case ExpiryAction.Expired:
                LogExpired(logger, resource.Id);
                break;
            case ExpiryAction.Blocked:
                LogBlocked(logger, resource.Id);
                break;
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

    private enum ExpiryAction
    {
        None,
        Warned,
        Expired,
        Blocked,
    }
}
