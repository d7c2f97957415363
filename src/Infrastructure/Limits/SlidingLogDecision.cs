namespace Orchestrator.Infrastructure.Limits;

/// <summary>An appended entry (to remove if the reservation is given back), or a refusal with when the oldest entry leaves the window.</summary>
public sealed record SlidingLogDecision(string? Entry, TimeSpan RetryAfter)
{
    public bool Accepted => Entry is not null;
}
