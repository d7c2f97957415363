namespace Orchestrator.Application.Guardrails;

/// <summary>The verdicts of every rule of one document version that applies to a request, in the document's order.</summary>
public sealed record GuardrailEvaluation(long DocumentVersion, IReadOnlyList<GuardrailRuleResult> Results)
{
    public IEnumerable<GuardrailRuleResult> Denials => Results.Where(r => r.Outcome == GuardrailOutcome.Deny);

    public IEnumerable<GuardrailRuleResult> Approvals => Results.Where(r => r.Outcome == GuardrailOutcome.Approval);

    public bool Denied => Denials.Any();

    public bool ApprovalRequired => Approvals.Any();
}
