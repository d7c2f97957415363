using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Common.Sessions;

/// <summary>
/// Counts a failed credential check (a login, or a re-authentication on /me) against the account, once per failure
/// however many run in parallel: a compare-and-set on the lockout version, repeated on the fresh row when another
/// failure got in first (docs/decisions/0021-atomic-account-security-state.md).
/// </summary>
public sealed class CredentialFailureCounter(IApplicationDbContext db, IOptions<LockoutOptions> options, TimeProvider clock)
{
    /// <summary>Each lost round means another writer's update landed, so the bound is only reached under a flood the throttle lets through.</summary>
    private const int MaxRounds = 64;

    /// <summary>Counts one failure; true when it is the failure that locks the account.</summary>
    public async Task<bool> CountAsync(Guid userId, CancellationToken cancellationToken)
    {
        var lockout = options.Value;
        for (var round = 0; round < MaxRounds; round++)
        {
            var read = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new LockoutState(u.FailedLoginCount, u.FirstFailedLoginAt, u.LockedUntil, u.LockoutVersion))
                .FirstOrDefaultAsync(cancellationToken);
            if (read is null)
            {
                return false;
            }

            var (next, locksNow) = read.AfterFailure(
                clock.GetUtcNow(), lockout.MaxFailedAttempts, TimeSpan.FromMinutes(lockout.WindowMinutes), TimeSpan.FromMinutes(lockout.DurationMinutes));
            var updated = await db.Users
                .Where(u => u.Id == userId && u.LockoutVersion == read.Version)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(u => u.FailedLoginCount, next.FailedCount)
                        .SetProperty(u => u.FirstFailedLoginAt, next.FirstFailureAt)
                        .SetProperty(u => u.LockedUntil, next.LockedUntil)
                        .SetProperty(u => u.LockoutVersion, next.Version),
                    cancellationToken);
            if (updated == 1)
            {
                return locksNow;
            }
        }

        throw new ConflictException("Too many attempts changed this account at the same time; wait a moment and try again.");
    }
}
