using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// Finds due jobs and claims them with a lease, a round's batch in one conditional UPDATE, so two workers never hold one
/// job. Each claim increments the job's fencing token (<c>LeaseVersion</c>); a worker renews its leases while a step runs.
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

    /// <summary>
    /// Claims the due jobs of one round with one statement (one commit, however many jobs) and returns those this worker
    /// now holds: a job another worker claimed since it was found is left out by the statement's condition.
    /// </summary>
    public async Task<IReadOnlyList<long>> ClaimDueAsync(string workerId, CancellationToken cancellationToken)
    {
        var due = await FindDueAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var expires = now + options.Value.LeaseDuration;
        await db.ProvisioningJobs
            .Where(j => due.Contains(j.Id) && j.CompletedAt == null && (j.LeaseExpiresAt == null || j.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(
                set => set.SetProperty(j => j.LeaseOwner, workerId)
                    .SetProperty(j => j.LeaseExpiresAt, expires)
                    .SetProperty(j => j.LeaseVersion, j => j.LeaseVersion + 1),
                cancellationToken);
        return await db.ProvisioningJobs
            .Where(j => due.Contains(j.Id) && j.LeaseOwner == workerId && j.LeaseExpiresAt == expires)
            .OrderBy(j => j.Id)
            .Select(j => j.Id)
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

    /// <summary>
    /// The heartbeat of a running round: extends this worker's leases it still holds (not expired, not taken over) and
    /// returns the jobs it holds. A job missing from the answer lost its lease: its step must stop (its save would be refused).
    /// </summary>
    public async Task<IReadOnlySet<long>> RenewAsync(IReadOnlyCollection<long> jobIds, string workerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.LeaseDuration;
        await db.ProvisioningJobs
            .Where(j => jobIds.Contains(j.Id) && j.CompletedAt == null && j.LeaseOwner == workerId && j.LeaseExpiresAt >= now)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseExpiresAt, expires), cancellationToken);
        var held = await db.ProvisioningJobs
            .Where(j => jobIds.Contains(j.Id) && j.LeaseOwner == workerId && j.LeaseExpiresAt == expires)
            .Select(j => j.Id)
            .ToListAsync(cancellationToken);
        return held.ToHashSet();
    }

    /// <summary>Gives jobs back after a step that could not be saved, so they are retried at the next poll rather than after the lease.</summary>
    public Task ReleaseAsync(IReadOnlyCollection<long> jobIds, string workerId, CancellationToken cancellationToken) =>
        db.ProvisioningJobs
            .Where(j => jobIds.Contains(j.Id) && j.LeaseOwner == workerId)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
}
