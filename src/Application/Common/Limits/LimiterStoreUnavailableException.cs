namespace Orchestrator.Application.Common.Limits;

/// <summary>The limiter store cannot decide right now (Redis unreachable or busy): quotas fail closed with 503.</summary>
public sealed class LimiterStoreUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>What a client is told to wait before retrying.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
}
