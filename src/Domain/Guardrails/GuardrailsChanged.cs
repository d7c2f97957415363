using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Guardrails;

/// <summary>A new guardrail document version; the rule count comes first, as the audit log keeps 512 characters of details.</summary>
public sealed record GuardrailsChanged(long Version, IReadOnlyList<string> RuleIds) : IDomainEvent
{
    public string Action => "guardrails.changed";

    public string Details => $"version={Version} count={RuleIds.Count} rules={string.Join(',', RuleIds)}";
}
