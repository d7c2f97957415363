using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Telemetry;

namespace Orchestrator.Application.Common.Behaviors;

/// <summary>
/// Outermost behavior: names the request in a log scope, times it and logs its outcome: a change that
/// succeeded at Information, a query that succeeded at Debug, any failure at Warning.
/// Never logs the request itself, which may hold passwords or tokens.
/// </summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string RequestName = typeof(TMessage).Name;

    // Chosen once per request type: a query that succeeded changed nothing and is logged at Debug.
    private static readonly Action<ILogger, string, Guid?, double> LogSuccess =
        typeof(IBaseQuery).IsAssignableFrom(typeof(TMessage)) ? PipelineLog.ReadSucceeded : PipelineLog.Succeeded;

    // One scope state per request type, shared by every request: it never changes, so it is not rebuilt.
    private static readonly KeyValuePair<string, object>[] ScopeState = [new("Request", RequestName)];

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(ScopeState);

        // The request's span in the pipeline; null (and free) when nothing listens. Behaviors add their steps as events.
        using var activity = OrchestratorTelemetry.Source.StartActivity(RequestName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            LogSuccess(logger, RequestName, CallerId(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            PipelineLog.Failed(logger, RequestName, CallerId(), exception.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            // The exception's type only: its message may name what the caller asked for.
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
    }

    private Guid? CallerId() => currentUser.IsAuthenticated ? currentUser.UserId : null;
}
