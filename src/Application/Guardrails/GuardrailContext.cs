namespace Orchestrator.Application.Guardrails;

/// <summary>
/// The guardrail verdict on the current request, kept for its handler: the <c>requireApproval</c> rules it broke
/// are what an approval step reads. Until approvals exist such a request is allowed.
/// </summary>
public sealed class GuardrailContext
{
    public GuardrailEvaluation? Evaluation { get; set; }

    /// <summary>The ids of the broken <c>requireApproval</c> rules; empty when none applies or all pass.</summary>
    public IReadOnlyList<string> ApprovalRules =>
        Evaluation is null ? [] : [.. Evaluation.Approvals.Select(result => result.Rule)];
}
