namespace Orchestrator.Application.Provisioning;

/// <summary>Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of many jobs spread out.</summary>
public static class RetryBackoff
{
    public static TimeSpan After(int attempt, TimeSpan initial, TimeSpan max, double random)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ceiling = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * Math.Clamp(random, 0, 1)));
    }
}
