namespace Orchestrator.Application.Guardrails;

/// <summary>One applicable rule's verdict; <see cref="Message"/> is the rule's description, never schema internals.</summary>
public sealed record GuardrailRuleResult(string Rule, GuardrailOutcome Outcome, string Message)
{
    public string OutcomeName => Outcome switch
    {
        GuardrailOutcome.Pass => "pass",
        GuardrailOutcome.Deny => "deny",
        _ => "approval",
    };
}
