namespace Orchestrator.Application.Lifecycle;

/// <summary>A resource the expiry scan found due, with the check time its claim must still find.</summary>
public sealed record ExpiryCandidate(Guid Id, DateTimeOffset? ExpiryCheckAt);
