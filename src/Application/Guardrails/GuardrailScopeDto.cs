namespace Orchestrator.Application.Guardrails;

/// <summary>Which requests a rule applies to; a list left out or empty means all roles (or all types).</summary>
public sealed record GuardrailScopeDto
{
    public IReadOnlyList<string>? Roles { get; init; }

    public IReadOnlyList<string>? Types { get; init; }
}
