using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Telemetry;
using Orchestrator.Application.Provisioning;

namespace Orchestrator.Infrastructure.Provisioning;

/// <summary>
/// Polls the job table, claims due jobs with a lease and works each one step in its own scope. Any
/// number of instances may run against one database: the lease decides who works a job.
/// </summary>
public sealed partial class ProvisioningWorker(
    IServiceScopeFactory scopes,
    IOptions<ProvisioningOptions> options,
    TimeProvider clock,
    ILogger<ProvisioningWorker> logger) : BackgroundService
{
    private readonly string _workerId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = 0;
            try
            {
                worked = await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, exception);
            }

            if (worked == 0)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round: claims what is due and works it; returns how many jobs this worker worked.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>().FindDueAsync(cancellationToken);
        }

        var worked = 0;
        await Parallel.ForEachAsync(due, cancellationToken, async (jobId, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>();
            if (!await queue.TryClaimAsync(jobId, _workerId, ct))
            {
                return;
            }

            Interlocked.Increment(ref worked);
            using var span = OrchestratorTelemetry.StartJobStep(
                OrchestratorTelemetry.Source.HasListeners() ? await queue.TraceParentAsync(jobId, ct) : null);
            using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var stepDone = new CancellationTokenSource();
            var heartbeat = HeartbeatAsync(jobId, leaseLost, stepDone.Token);
            try
            {
                await scope.ServiceProvider.GetRequiredService<ProvisioningJobStep>().RunAsync(jobId, _workerId, leaseLost.Token);
            }
            catch (OperationCanceledException) when (leaseLost.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // The lease was lost mid-step: whoever holds it now works the job; nothing of this step was saved.
                LogLeaseLost(logger, jobId);
            }
            catch (Exception exception) when (!ct.IsCancellationRequested)
            {
                LogStepFailed(logger, jobId, exception);
                await using var releaseScope = scopes.CreateAsyncScope();
                await releaseScope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>().ReleaseAsync(jobId, _workerId, ct);
            }
            finally
            {
                await stepDone.CancelAsync();
                await heartbeat;
            }
        });
        return worked;
    }

    /// <summary>
    /// Renews the lease every third of its duration while the step runs, so a long cloud call keeps it; when renewal
    /// finds the lease gone, cancels the step (its saves would be refused by the fencing token anyway).
    /// </summary>
    private async Task HeartbeatAsync(long jobId, CancellationTokenSource leaseLost, CancellationToken stepDone)
    {
        var period = options.Value.LeaseDuration / 3;
        while (!stepDone.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, clock, stepDone);
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>().RenewAsync(jobId, _workerId, stepDone))
                {
                    await leaseLost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception)
            {
                // A renewal that could not reach the database is tried again next period; the lease may still hold.
                LogRenewalFailed(logger, jobId, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning job {JobId} lost its lease while a step ran; the step stopped")]
    private static partial void LogLeaseLost(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease of provisioning job {JobId} could not be renewed now")]
    private static partial void LogRenewalFailed(ILogger logger, long jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A provisioning round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning job {JobId} could not be saved; it is released for another try")]
    private static partial void LogStepFailed(ILogger logger, long jobId, Exception exception);
}
