using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// Finds due jobs and claims them with a lease, one conditional UPDATE per job, so two workers never hold one job.
/// Each claim increments the job's fencing token (<c>LeaseVersion</c>); a worker renews its lease while a step runs.
/// </summary>
public sealed class ProvisioningJobQueue(IApplicationDbContext db, TimeProvider clock, IOptions<ProvisioningOptions> options)
{
    /// <summary>
    /// Due, unleased (or lease-expired) jobs that are the oldest open job of their resource: the jobs
    /// of one resource run in the order they were written (create before update-tags before delete).
    /// </summary>
    public async Task<IReadOnlyList<long>> FindDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.ProvisioningJobs
            .Where(j => j.CompletedAt == null && j.NextAttemptAt <= now && (j.LeaseExpiresAt == null || j.LeaseExpiresAt < now))
            .Where(j => !db.ProvisioningJobs.Any(earlier => earlier.ResourceId == j.ResourceId && earlier.CompletedAt == null && earlier.Id < j.Id))
            .OrderBy(j => j.NextAttemptAt)
            .Select(j => j.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
    }

    /// <summary>True when this worker got the lease; false when another worker holds it or the job is done.</summary>
    public async Task<bool> TryClaimAsync(long jobId, string workerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.LeaseDuration;
        var claimed = await db.ProvisioningJobs
            .Where(j => j.Id == jobId && j.CompletedAt == null && (j.LeaseExpiresAt == null || j.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(
                set => set.SetProperty(j => j.LeaseOwner, workerId)
                    .SetProperty(j => j.LeaseExpiresAt, expires)
                    .SetProperty(j => j.LeaseVersion, j => j.LeaseVersion + 1),
                cancellationToken);
        return claimed == 1;
    }

    /// <summary>The stored trace context of the job's origin, read only when a span is recorded for the step.</summary>
    public Task<string?> TraceParentAsync(long jobId, CancellationToken cancellationToken) =>
        db.ProvisioningJobs.Where(j => j.Id == jobId).Select(j => j.TraceParent).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The heartbeat of a running step: extends this worker's lease while it still holds it (not expired, not taken
    /// over). False when the lease is lost: the step must stop, and its saves would be refused anyway.
    /// </summary>
    public async Task<bool> RenewAsync(long jobId, string workerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.LeaseDuration;
        var renewed = await db.ProvisioningJobs
            .Where(j => j.Id == jobId && j.CompletedAt == null && j.LeaseOwner == workerId && j.LeaseExpiresAt >= now)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseExpiresAt, expires), cancellationToken);
        return renewed == 1;
    }

    /// <summary>Gives a job back after a step that could not be saved, so it is retried at the next poll rather than after the lease.</summary>
    public Task ReleaseAsync(long jobId, string workerId, CancellationToken cancellationToken) =>
        db.ProvisioningJobs
            .Where(j => j.Id == jobId && j.LeaseOwner == workerId)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
}
