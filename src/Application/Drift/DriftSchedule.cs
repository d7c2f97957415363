namespace Orchestrator.Application.Drift;

/// <summary>
/// When a resource's next drift check is due: one interval after this one, give or take a tenth, so that checks
/// that once fell due together drift apart instead of arriving as one burst every interval.
/// </summary>
public static class DriftSchedule
{
    public static DateTimeOffset Next(DateTimeOffset now, TimeSpan interval)
    {
#pragma warning disable CA5394 // Jitter spreads checks; it needs no cryptographic randomness.
        var factor = 0.9 + (Random.Shared.NextDouble() * 0.2);
#pragma warning restore CA5394
        return now + (interval * factor);
    }
}
