using Mediator;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Telemetry;

namespace Orchestrator.Application.Common.Behaviors;

/// <summary>
/// Last before the handler, because it consumes: reserves one unit of the caller's quota and gives it
/// back when the handler fails, so a failed creation costs nothing. The reservation is left in <see cref="ReservedQuota"/>
/// for the handler, which confirms it in the transaction that stores the creation (a count of live resources is decided
/// there) and keeps its receipt when it may have to give the unit back later (a creation waiting for approval).
/// </summary>
public sealed class QuotaBehavior<TMessage, TResponse>(IQuotaGate quotaGate, ICurrentUser currentUser, ReservedQuota reserved)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage, IQuotaRequest
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        OrchestratorTelemetry.Step("quota");
        IQuotaReservation reservation;
        try
        {
            reservation = await quotaGate.ReserveAsync(currentUser.UserId, message.ResourceType, cancellationToken);
        }
        catch (QuotaExceededException)
        {
            OrchestratorMetrics.QuotaRefused(message.ResourceType);
            throw;
        }

        reserved.Reservation = reservation;
        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
        }
        catch (Exception exception)
        {
            // A count of live resources is decided in the handler's storing transaction, and refused there.
            if (exception is QuotaExceededException)
            {
                OrchestratorMetrics.QuotaRefused(message.ResourceType);
            }

            await reservation.ReleaseAsync();
            throw;
        }

        await reservation.CompleteAsync();
        return response;
    }
}
