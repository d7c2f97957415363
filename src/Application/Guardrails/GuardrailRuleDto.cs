using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Application.Guardrails;

/// <summary>A rule on the wire: <c>{id, description, effect: deny|requireApproval, appliesTo: {roles?, types?}, schema}</c>.</summary>
public sealed record GuardrailRuleDto
{
    public string? Id { get; init; }

    public string? Description { get; init; }

    public string? Effect { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GuardrailScopeDto? AppliesTo { get; init; }

    /// <summary>A JSON Schema (2020-12) the subject must satisfy.</summary>
    public JsonElement? Schema { get; init; }
}
