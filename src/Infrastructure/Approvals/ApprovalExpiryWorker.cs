using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Approvals;
using Orchestrator.Application.Approvals.ExpireApprovals;

namespace Orchestrator.Infrastructure.Approvals;

/// <summary>
/// Runs the <see cref="ApprovalExpiryScan"/> every <c>Approvals:ScanInterval</c> on the service's clock. Its schedule and
/// lease live in the database, so a restart loses nothing and several instances never expire a request twice.
/// </summary>
public sealed partial class ApprovalExpiryWorker(
    IServiceScopeFactory scopes,
    IOptions<ApprovalOptions> options,
    TimeProvider clock,
    ILogger<ApprovalExpiryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ApprovalExpiryScan>().RunIfDueAsync(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "An approval expiry scan failed; it is due again when its lease ends")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
