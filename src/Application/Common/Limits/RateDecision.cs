namespace Orchestrator.Application.Common.Limits;

/// <summary>
/// The outcome of one rate-limited request: whether it may proceed, how many more would be admitted
/// right now, when the full quota is back (<see cref="ResetAfter"/>) and, when refused, when the next
/// permit is (<see cref="RetryAfter"/>).
/// </summary>
public sealed record RateDecision(bool Allowed, int Remaining, TimeSpan ResetAfter, TimeSpan RetryAfter);
