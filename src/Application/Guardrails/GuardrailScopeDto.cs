using System.Text.Json.Serialization;

namespace Orchestrator.Application.Guardrails;

/// <summary>Which requests a rule applies to; a list left out or empty means all roles (or all types).</summary>
public sealed record GuardrailScopeDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Roles { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Types { get; init; }
}
