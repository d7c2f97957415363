using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Lifecycle;

namespace Orchestrator.Infrastructure.Lifecycle;

/// <summary>
/// Runs the <see cref="ExpiryScan"/> every <c>Lifecycle:ScanInterval</c> on the service's clock. Everything it knows is
/// in the resource rows, so a restart (or a kill) loses nothing, and several instances share the work through the
/// scan's claims.
/// </summary>
public sealed partial class ExpiryWorker(
    IServiceScopeFactory scopes,
    IOptions<LifecycleOptions> options,
    TimeProvider clock,
    ILogger<ExpiryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ExpiryScan>().RunAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(logger, exception);
            }

            try
            {
                await Task.Delay(options.Value.ScanInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An expiry scan failed; the next one starts after the scan interval")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
