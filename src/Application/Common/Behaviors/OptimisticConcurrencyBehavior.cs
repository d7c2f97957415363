using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Telemetry;

namespace Orchestrator.Application.Common.Behaviors;

/// <summary>
/// The one place a lost optimistic-concurrency race is answered (docs/decisions/0016-concurrency-conflicts-in-one-place.md):
/// 412 when the client sent an If-Match naming a version, else the change runs again from the resource load on,
/// re-authorized on fresh data, up to <see cref="MaxAttempts"/> times, then 409.
/// </summary>
public sealed class OptimisticConcurrencyBehavior<TMessage, TResponse>(IApplicationDbContext db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage, IOptimisticChange
{
    public const int MaxAttempts = 4;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        OrchestratorTelemetry.Step("optimistic-concurrency");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(message, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The tracked entities hold the stale version: the next attempt must load them again.
                db.DiscardChanges();
                if (NamesAVersion(message.IfMatch))
                {
                    throw new PreconditionFailedException(
                        "Another request changed it after the version named in If-Match was read; GET it again and retry with its new ETag.");
                }

                if (attempt == MaxAttempts)
                {
                    throw new ConflictException(
                        "Other requests kept changing it while this change was applied; GET it again and retry (with If-Match to change only the version you read).");
                }
            }

            // A little jitter, so that writers that collided do not collide again in step.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken);
        }
    }

    /// <summary>"*" names no version: any current one satisfies it, so a retry is what the client asked for.</summary>
    private static bool NamesAVersion(string? ifMatch) => !string.IsNullOrWhiteSpace(ifMatch) && ifMatch.Trim() != "*";
}
