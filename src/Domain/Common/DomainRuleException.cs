namespace Orchestrator.Domain.Common;

/// <summary>An operation that the entity's own rules forbid in its current state (for example tagging a deleted resource).</summary>
public sealed class DomainRuleException(string message) : Exception(message);
