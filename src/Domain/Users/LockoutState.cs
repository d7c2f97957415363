namespace Orchestrator.Domain.Users;

/// <summary>
/// An account's failed-attempt count and lockout at one <see cref="Version"/>. A failure is stored as the state
/// <see cref="AfterFailure"/> returns, written only while the version is still the one read, so that parallel
/// failures are each counted once (docs/decisions/0021-atomic-account-security-state.md).
/// </summary>
public sealed record LockoutState(int FailedCount, DateTimeOffset? FirstFailureAt, DateTimeOffset? LockedUntil, int Version)
{
    public bool IsLockedOut(DateTimeOffset now) => LockedUntil > now;

    /// <summary>The state after one more failure at <paramref name="now"/>, and whether this failure is the one that locks the account.</summary>
    public (LockoutState Next, bool LocksNow) AfterFailure(DateTimeOffset now, int maxFailures, TimeSpan window, TimeSpan lockoutDuration)
    {
        var windowOpen = FirstFailureAt is { } first && now - first < window;
        var count = windowOpen ? FailedCount + 1 : 1;
        var firstAt = windowOpen ? FirstFailureAt : now;
        if (count < maxFailures || IsLockedOut(now))
        {
            return (new LockoutState(count, firstAt, LockedUntil, Version + 1), false);
        }

        return (new LockoutState(0, null, now + lockoutDuration, Version + 1), true);
    }
}
