using Microsoft.Extensions.Time.Testing;

namespace Orchestrator.IntegrationTests.Drift;

/// <summary>Moves a fake clock on in steps, giving the background workers real time to act after each, until a condition holds.</summary>
public static class FakeClockDriver
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task AdvanceUntilAsync(this FakeTimeProvider clock, TimeSpan step, TimeSpan limit, Func<Task<bool>> condition, string what)
    {
        var moved = TimeSpan.Zero;
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (moved > limit || DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Never happened within {limit} of fake time: {what}");
            }

            clock.Advance(step);
            moved += step;
            await Task.Delay(30);
        }
    }

    /// <summary>Moves the clock on by <paramref name="total"/> in steps, with real time for the workers after each.</summary>
    public static async Task AdvanceByAsync(this FakeTimeProvider clock, TimeSpan total, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += step)
        {
            clock.Advance(step);
            await Task.Delay(30);
        }
    }
}
