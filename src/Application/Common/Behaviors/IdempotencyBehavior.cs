using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Idempotency;
using Orchestrator.Application.Common.Telemetry;

namespace Orchestrator.Application.Common.Behaviors;

/// <summary>
/// Answers a retried request (same Idempotency-Key, same body) with the first answer, before the quota
/// behavior: a retry creates nothing, so it must neither consume quota nor be refused for lack of it.
/// </summary>
public sealed class IdempotencyBehavior<TMessage, TResponse>(IServiceProvider services) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage, IIdempotentRequest
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        OrchestratorTelemetry.Step("idempotency");
        if (message.IdempotencyKey is not null
            && services.GetService<IIdempotentReplayer<TMessage, TResponse>>() is { } replayer)
        {
            var earlier = await replayer.TryReplayAsync(message, cancellationToken);
            if (earlier is not null)
            {
                return earlier;
            }
        }

        return await next(message, cancellationToken);
    }
}
