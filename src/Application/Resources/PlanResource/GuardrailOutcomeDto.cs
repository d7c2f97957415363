namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>One guardrail rule that applies to the request, and what it decided.</summary>
/// <param name="Rule" example="require-env-tag">The rule's id in the guardrail document.</param>
/// <param name="Outcome" example="deny">pass, deny (a create would be refused with 422) or approval (a create would wait for an approver).</param>
/// <param name="Message" example="Every resource needs an env tag: dev, test or prod.">The rule's description, or why the request breaks it.</param>
public sealed record GuardrailOutcomeDto(string Rule, string Outcome, string Message)
{
    public static readonly IReadOnlyList<string> Outcomes = ["pass", "deny", "approval"];
}
