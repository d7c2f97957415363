using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Application.Webhooks.Delivery;

namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>
/// Fans new outbox events out to their subscriptions, then claims due attempts with a lease and makes them, in parallel,
/// off the request path. Everything it knows is in rows, so a kill loses nothing: an attempt claimed by a dead worker is
/// made again after its lease. It sleeps until woken by a save in this process, the next due retry or the poll interval.
/// </summary>
public sealed partial class WebhookDeliveryWorker(
    IServiceScopeFactory scopes,
    WebhookOutboxSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private readonly string _workerId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                var worked = await RunOnceAsync(stoppingToken);
                wait = worked > 0 ? TimeSpan.Zero : await UntilNextDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, exception);
            }

            try
            {
                await signal.WaitAsync(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: fans out new events, then makes the due attempts; returns how much it did.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        int fannedOut;
        IReadOnlyList<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            fannedOut = await scope.ServiceProvider.GetRequiredService<WebhookFanOut>().RunBatchAsync(cancellationToken);
            due = await scope.ServiceProvider.GetRequiredService<WebhookDeliveryQueue>().FindDueAsync(cancellationToken);
        }

        var made = 0;
        await Parallel.ForEachAsync(due, cancellationToken, async (deliveryId, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<WebhookDeliveryQueue>().TryClaimAsync(deliveryId, _workerId, ct))
            {
                return;
            }

            Interlocked.Increment(ref made);
            try
            {
                await scope.ServiceProvider.GetRequiredService<WebhookDeliveryStep>().RunAsync(deliveryId, _workerId, ct);
            }
            catch (Exception exception) when (!ct.IsCancellationRequested)
            {
                // Not recorded: the attempt is made again when its lease runs out.
                LogAttemptFailed(logger, deliveryId, exception);
            }
        });
        return fannedOut + made;
    }

    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var next = await scope.ServiceProvider.GetRequiredService<WebhookDeliveryQueue>().NextDueAsync(cancellationToken);
        var poll = options.Value.PollInterval;
        if (next is not { } due)
        {
            return poll;
        }

        var untilDue = due - clock.GetUtcNow();
        return untilDue < poll ? (untilDue < TimeSpan.Zero ? poll : untilDue) : poll;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook delivery round failed; the next one starts after the poll interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook attempt {DeliveryId} could not be made or recorded; it is made again after its lease")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, Exception exception);
}
