namespace Orchestrator.Application.Guardrails;

/// <summary>
/// Checks a would-be resource against the current guardrail document: each rule that applies to the requester's
/// role and the resource's type passes when the subject satisfies its JSON Schema, else gives its effect.
/// </summary>
public interface IGuardrailEvaluator
{
    ValueTask<GuardrailEvaluation> EvaluateAsync(GuardrailSubject subject, CancellationToken cancellationToken);
}
