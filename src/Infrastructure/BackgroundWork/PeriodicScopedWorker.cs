using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Infrastructure.BackgroundWork;

/// <summary>
/// Runs one unit of work in a scope of its own, then waits an interval on the service's clock, until the host stops. A
/// run that fails is logged and the next one comes after the interval: the work keeps its state in the database.
/// </summary>
public abstract partial class PeriodicScopedWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The time from the end of one run to the start of the next.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What a failed run is called in the log, and what happens next, e.g. ("An expiry scan", "the next one starts ...").</summary>
    protected abstract (string Work, string Next) FailureText { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRunFailed(logger, FailureText.Work, FailureText.Next, exception);
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Work} failed; {Next}")]
    private static partial void LogRunFailed(ILogger logger, string work, string next, Exception exception);
}
