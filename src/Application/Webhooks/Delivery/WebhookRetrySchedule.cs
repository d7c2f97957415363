namespace Orchestrator.Application.Webhooks.Delivery;

/// <summary>
/// When the next attempt is due: the first retry after <c>FirstRetryDelay</c>, each later one four times longer, up to
/// <c>MaxRetryDelay</c>, with "equal jitter" (half fixed, half random) so the retries of many receivers spread out.
/// </summary>
public static class WebhookRetrySchedule
{
    public static TimeSpan After(int failedAttempt, TimeSpan firstRetry, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Clamp(failedAttempt - 1, 0, 20);
        var ceiling = Math.Min(firstRetry.TotalMilliseconds * Math.Pow(4, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * Math.Clamp(random, 0, 1)));
    }
}
