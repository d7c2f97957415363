namespace Orchestrator.Application.Guardrails;

/// <summary>One version of the guardrail document, compiled. Version 0 is the shipped default: no rules.</summary>
public sealed record GuardrailRuleSet(long Version, IReadOnlyList<GuardrailRule> Rules)
{
    public static readonly GuardrailRuleSet ShippedDefault = new(0, []);
}
