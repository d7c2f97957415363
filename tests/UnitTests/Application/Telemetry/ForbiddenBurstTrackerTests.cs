using Microsoft.Extensions.Time.Testing;
using Orchestrator.Application.Common.Telemetry;

namespace Orchestrator.UnitTests.Application.Telemetry;

public class ForbiddenBurstTrackerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Reports_the_largest_count_of_one_caller_in_the_last_full_minute()
    {
        var tracker = new ForbiddenBurstTracker(_clock);
        for (var i = 0; i < 25; i++)
        {
            tracker.Record("caller-a");
        }

        for (var i = 0; i < 30; i++)
        {
            tracker.Record($"caller-{i}");
        }

        // The current minute is not reported until it is over.
        tracker.LargestLastMinute().ShouldBe(0);
        _clock.Advance(TimeSpan.FromMinutes(1));
        tracker.LargestLastMinute().ShouldBe(25);
        _clock.Advance(TimeSpan.FromMinutes(1));
        tracker.LargestLastMinute().ShouldBe(0);
    }

    [Fact]
    public void Callers_beyond_the_bound_share_one_slot()
    {
        var tracker = new ForbiddenBurstTracker(_clock);
        for (var i = 0; i < ForbiddenBurstTracker.MaxCallersPerMinute + 50; i++)
        {
            tracker.Record($"caller-{i}");
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        tracker.LargestLastMinute().ShouldBe(50);
    }
}
