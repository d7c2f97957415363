using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Drift;

/// <summary>
/// Finds active resources whose drift check is due, in bounded batches from the (status, due time) index, and claims
/// one with a conditional UPDATE that pushes its due time out by the lease: two workers never check it in one pass,
/// and a worker that dies leaves it due again when the lease ends.
/// </summary>
public sealed class DriftCheckQueue(IApplicationDbContext db, TimeProvider clock, IOptions<DriftOptions> options)
{
    public async Task<IReadOnlyList<DueDriftCheck>> FindDueAsync(CancellationToken cancellationToken) =>
        await Due(db.Resources.AsNoTracking(), clock.GetUtcNow(), options.Value.BatchSize).ToListAsync(cancellationToken);

    /// <summary>
    /// The active resources whose check is due, never-scheduled first, as two bounded reads of the (status, due time)
    /// index: the unscheduled rows, then the range up to now. One condition with an OR over both would walk the index
    /// from the first active row until the batch is full, so a pass where few are due would read every active resource.
    /// </summary>
    public static IQueryable<DueDriftCheck> Due(IQueryable<Resource> resources, DateTimeOffset now, int batchSize)
    {
        var active = resources.Where(r => r.Status == ResourceStatus.Active);
        var neverScheduled = active
            .Where(r => r.DriftCheckDueAt == null)
            .OrderBy(r => r.DriftCheckDueAt)
            .Take(batchSize)
            .Select(r => new { r.Id, r.Type, r.Region, r.DriftCheckDueAt });
        var dueByNow = active
            .Where(r => r.DriftCheckDueAt <= now)
            .OrderBy(r => r.DriftCheckDueAt)
            .Take(batchSize)
            .Select(r => new { r.Id, r.Type, r.Region, r.DriftCheckDueAt });
        return neverScheduled.Concat(dueByNow)
            .OrderBy(r => r.DriftCheckDueAt)
            .Take(batchSize)
            .Select(r => new DueDriftCheck(r.Id, r.Type, r.Region));
    }

    /// <summary>True when this worker got the check; false when another one took it first or it is no longer due.</summary>
    public async Task<bool> TryClaimAsync(Guid resourceId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? leaseEnds = now + options.Value.LeaseDuration;
        var claimed = await db.Resources
            .Where(r => r.Id == resourceId && r.Status == ResourceStatus.Active && (r.DriftCheckDueAt == null || r.DriftCheckDueAt <= now))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.DriftCheckDueAt, leaseEnds), cancellationToken);
        return claimed == 1;
    }

    /// <summary>Makes a check due again at once (its result could not be saved).</summary>
    public Task ReleaseAsync(Guid resourceId, CancellationToken cancellationToken)
    {
        DateTimeOffset? now = clock.GetUtcNow();
        return db.Resources.Where(r => r.Id == resourceId).ExecuteUpdateAsync(set => set.SetProperty(r => r.DriftCheckDueAt, now), cancellationToken);
    }
}
