using Mediator;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Telemetry;
using Orchestrator.Application.Guardrails;

namespace Orchestrator.Application.Common.Behaviors;

/// <summary>
/// Checks a request that would create a resource against the guardrail document, after idempotency (a retry is
/// answered as it was first) and before the quota (a refused request consumes nothing). Every broken <c>deny</c>
/// rule is listed in one 422; broken <c>requireApproval</c> rules are left in <see cref="GuardrailContext"/>.
/// </summary>
public sealed class GuardrailBehavior<TMessage, TResponse>(
    GuardrailSubjectBuilder subjects,
    IGuardrailEvaluator evaluator,
    GuardrailContext context)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage, IGuardrailRequest
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        OrchestratorTelemetry.Step("guardrails");
        var evaluation = await evaluator.EvaluateAsync(subjects.Build(message), cancellationToken);
        if (evaluation.Denied)
        {
            throw new GuardrailViolationException([.. evaluation.Denials]);
        }

        context.Evaluation = evaluation;
        return await next(message, cancellationToken);
    }
}
