using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Provisioning;

namespace Orchestrator.Infrastructure.Provisioning;

/// <summary>
/// Polls the job table, claims a batch of due jobs with a lease and works them as one <see cref="ProvisioningBatch"/>
/// in one scope. Any number of instances may run against one database: the lease decides who works a job.
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

    /// <summary>One round: claims what is due and works it; returns how many jobs this worker claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<long> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            claimed = await scope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>().ClaimDueAsync(_workerId, cancellationToken);
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var leases = claimed.ToDictionary(id => id, _ => CancellationTokenSource.CreateLinkedTokenSource(cancellationToken));
        using var roundDone = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(leases, roundDone.Token);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ProvisioningBatch>()
                .RunAsync(claimed, _workerId, id => leases[id].Token, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing of the round was committed past what failed: every job is tried again at the next poll.
            LogBatchFailed(logger, claimed.Count, exception);
            await using var releaseScope = scopes.CreateAsyncScope();
            await releaseScope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>().ReleaseAsync(claimed, _workerId, cancellationToken);
        }
        finally
        {
            await roundDone.CancelAsync();
            await heartbeat;
            foreach (var lease in leases.Values)
            {
                lease.Dispose();
            }
        }

        return claimed.Count;
    }

    /// <summary>
    /// Renews the round's leases every third of their duration while it runs, so a long cloud call keeps them; a job
    /// whose lease renewal finds gone has its step cancelled (its save would be refused by the fencing token anyway).
    /// </summary>
    private async Task HeartbeatAsync(Dictionary<long, CancellationTokenSource> leases, CancellationToken roundDone)
    {
        var period = options.Value.LeaseDuration / 3;
        while (!roundDone.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, clock, roundDone);
                var running = leases.Where(l => !l.Value.IsCancellationRequested).Select(l => l.Key).ToList();
                await using var scope = scopes.CreateAsyncScope();
                var held = await scope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>().RenewAsync(running, _workerId, roundDone);
                foreach (var lost in running.Where(id => !held.Contains(id)))
                {
                    LogLeaseLost(logger, lost);
                    await leases[lost].CancelAsync();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception)
            {
                // A renewal that could not reach the database is tried again next period; the leases may still hold.
                LogRenewalFailed(logger, leases.Count, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning job {JobId} lost its lease while a step ran; the step stops")]
    private static partial void LogLeaseLost(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The leases of a round of {Count} provisioning jobs could not be renewed now")]
    private static partial void LogRenewalFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A provisioning round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of {Count} provisioning jobs could not be saved; they are released for another try")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
