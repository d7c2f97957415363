using Json.Schema;

namespace Orchestrator.Application.Guardrails;

/// <summary>A rule of the current document with its schema compiled; empty scopes mean every role or type.</summary>
public sealed record GuardrailRule(
    string Id,
    string Description,
    GuardrailEffect Effect,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Types,
    JsonSchema Schema)
{
    public bool AppliesTo(string role, string type) =>
        (Roles.Count == 0 || Roles.Contains(role, StringComparer.Ordinal))
        && (Types.Count == 0 || Types.Contains(type, StringComparer.Ordinal));
}
