using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Drift;
using Orchestrator.Application.Provisioning;

namespace Orchestrator.Infrastructure.Drift;

/// <summary>
/// Reads a bounded batch of due drift checks, and per region spends the region's call budget, claims the resource
/// and checks it, one at a time (regions in parallel). Any number of instances may run on one database: the claim
/// decides who checks a resource.
/// </summary>
public sealed partial class DriftWorker(
    IServiceScopeFactory scopes,
    IEnumerable<ICloudDriftProvider> providers,
    IDriftCallBudget budget,
    IOptions<DriftOptions> options,
    TimeProvider clock,
    ILogger<DriftWorker> logger) : BackgroundService
{
    private readonly Dictionary<Domain.Resources.ResourceType, int> _callsPerDescribe =
        providers.GroupBy(p => p.Type).ToDictionary(g => g.Key, g => g.First().CallsPerDescribe);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var checkedCount = 0;
            try
            {
                checkedCount = await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, exception);
            }

            if (checkedCount == 0)
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

    /// <summary>One round: the due batch, region by region; returns how many resources this worker checked.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DueDriftCheck> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<DriftCheckQueue>().FindDueAsync(cancellationToken);
        }

        var counts = await Task.WhenAll(due.GroupBy(d => d.Region, StringComparer.Ordinal).Select(region => CheckRegionAsync(region, cancellationToken)));
        return counts.Sum();
    }

    private async Task<int> CheckRegionAsync(IEnumerable<DueDriftCheck> checks, CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var check in checks)
        {
            // Charged before the claim, so a wait for the budget never eats into the lease.
            await budget.SpendAsync(check.Region, _callsPerDescribe.GetValueOrDefault(check.Type, 1), cancellationToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<DriftCheckQueue>().TryClaimAsync(check.ResourceId, cancellationToken))
                {
                    continue;
                }

                if (await scope.ServiceProvider.GetRequiredService<DriftCheckStep>().RunAsync(check.ResourceId, cancellationToken))
                {
                    done++;
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The claim stands until its lease ends; the check is due again then.
                LogCheckFailed(logger, check.ResourceId, exception);
            }
        }

        return done;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A drift round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drift check of resource {ResourceId} could not be saved; it is due again when its lease ends")]
    private static partial void LogCheckFailed(ILogger logger, Guid resourceId, Exception exception);
}
