using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Retention;

namespace Orchestrator.Application.Retention;

/// <summary>
/// The lease on a <see cref="MaintenanceSchedule"/> row, taken the way the job and drift workers take theirs: one
/// conditional UPDATE that only the first of several instances wins, moving the due time out by the lease. Renewing
/// and completing compare the lease version the claim set, so an instance whose lease ran out (and was taken over)
/// stops at its next batch instead of running beside the new holder.
/// </summary>
public sealed class MaintenanceLease(IApplicationDbContext db, TimeProvider clock)
{
    private long _version = -1;

    /// <summary>True when the work was due and this instance now holds it.</summary>
    public async Task<bool> TryClaimAsync(string name, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var seen = await db.MaintenanceSchedules.AsNoTracking()
            .Where(s => s.Name == name && s.DueAt <= now)
            .Select(s => (long?)s.LeaseVersion)
            .FirstOrDefaultAsync(cancellationToken);
        if (seen is not { } version)
        {
            return false;
        }

        var leaseEnds = now + leaseDuration;
        var claimed = await db.MaintenanceSchedules
            .Where(s => s.Name == name && s.LeaseVersion == version && s.DueAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.DueAt, leaseEnds).SetProperty(s => s.LeaseVersion, version + 1), cancellationToken);
        _version = claimed == 1 ? version + 1 : -1;
        return claimed == 1;
    }

    /// <summary>Extends the lease; false when another instance took the work over.</summary>
    public async Task<bool> RenewAsync(string name, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var leaseEnds = clock.GetUtcNow() + leaseDuration;
        var version = _version;
        return await db.MaintenanceSchedules
            .Where(s => s.Name == name && s.LeaseVersion == version)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.DueAt, leaseEnds), cancellationToken) == 1;
    }

    /// <summary>Gives the lease back with the next due time.</summary>
    public async Task<bool> CompleteAsync(string name, TimeSpan nextAfter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? completed = now;
        var version = _version;
        return await db.MaintenanceSchedules
            .Where(s => s.Name == name && s.LeaseVersion == version)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.DueAt, now + nextAfter).SetProperty(s => s.LastCompletedAt, completed), cancellationToken) == 1;
    }
}
