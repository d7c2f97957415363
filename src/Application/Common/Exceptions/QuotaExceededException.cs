namespace Orchestrator.Application.Common.Exceptions;

/// <summary>429: a per-user quota is used up.</summary>
public sealed class QuotaExceededException(string quotaName, string message, TimeSpan? retryAfter) : Exception(message)
{
    public string QuotaName { get; } = quotaName;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
