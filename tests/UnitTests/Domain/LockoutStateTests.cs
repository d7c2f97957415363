using Orchestrator.Domain.Users;

namespace Orchestrator.UnitTests.Domain;

public sealed class LockoutStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    [Fact]
    public void Failures_in_the_window_add_up_and_the_last_allowed_one_locks()
    {
        var state = new LockoutState(0, null, null, 0);
        for (var i = 1; i < 5; i++)
        {
            (state, var locks) = state.AfterFailure(Now.AddSeconds(i), 5, Window, Duration);
            locks.ShouldBeFalse();
            state.FailedCount.ShouldBe(i);
        }

        var (locked, locksNow) = state.AfterFailure(Now.AddSeconds(5), 5, Window, Duration);
        locksNow.ShouldBeTrue();
        locked.IsLockedOut(Now.AddMinutes(14)).ShouldBeTrue();
        locked.IsLockedOut(Now.AddMinutes(16)).ShouldBeFalse();
        locked.Version.ShouldBe(5);
    }

    [Fact]
    public void Every_change_moves_the_version_even_when_the_count_comes_back_to_the_same_value()
    {
        // An expired window starts again at 1: the count alone could not tell two such failures apart.
        var state = new LockoutState(1, Now, null, 7);
        var (after, _) = state.AfterFailure(Now + Window, 5, Window, Duration);
        after.FailedCount.ShouldBe(1);
        after.FirstFailureAt.ShouldBe(Now + Window);
        after.Version.ShouldBe(8);
    }

    [Fact]
    public void Failures_while_locked_do_not_extend_the_lockout()
    {
        var state = new LockoutState(0, null, Now + Duration, 3);
        var (after, locksNow) = state.AfterFailure(Now.AddMinutes(1), 1, Window, Duration);
        locksNow.ShouldBeFalse();
        after.LockedUntil.ShouldBe(Now + Duration);
    }
}
