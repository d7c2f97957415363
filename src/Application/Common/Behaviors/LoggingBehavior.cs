using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Common.Behaviors;

/// <summary>
/// Outermost behavior: names the request in a log scope, times it and logs its outcome.
/// Never logs the request itself, which may hold passwords or tokens.
/// </summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string RequestName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Request"] = RequestName });
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogInformation(
                "{Request} by {UserId} succeeded in {ElapsedMs:0.0} ms",
                RequestName,
                currentUser.IsAuthenticated ? currentUser.UserId : null,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            logger.LogWarning(
                "{Request} by {UserId} ended with {Outcome} in {ElapsedMs:0.0} ms",
                RequestName,
                currentUser.IsAuthenticated ? currentUser.UserId : null,
                exception.GetType().Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
