using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Application.Webhooks.Delivery;

namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>
/// Fans new outbox events out to their subscriptions, then claims due attempts with a lease and makes them off the
/// request path, up to <c>Webhooks:MaxConcurrentAttempts</c> at once and <c>MaxConcurrentAttemptsPerSubscription</c> per
/// subscription, without waiting for slow ones before taking on more: a receiver that hangs delays only itself.
/// Everything it knows is in rows, so a kill loses nothing: an attempt claimed by a dead worker is made again after its
/// lease. It sleeps until woken by a save in this process or a finished attempt, the next due retry, or the poll interval.
/// </summary>
public sealed partial class WebhookDeliveryWorker(
    IServiceScopeFactory scopes,
    WebhookOutboxSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private readonly string _workerId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private int _inFlightTotal;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                var started = await RunOnceAsync(stoppingToken);
                wait = started > 0 ? TimeSpan.Zero : await UntilNextDueAsync(stoppingToken);
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
                break;
            }
        }

        // Attempts in flight end with the host's token; whatever they did not record is made again after the lease.
        await Task.WhenAll(_running.Keys);
    }

    /// <summary>One round: fans out new events and starts the due attempts there is room for; returns how much it started.</summary>
    private async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var fannedOut = await scope.ServiceProvider.GetRequiredService<WebhookFanOut>().RunBatchAsync(cancellationToken);
        var room = settings.MaxConcurrentAttempts - Volatile.Read(ref _inFlightTotal);
        if (room <= 0)
        {
            return fannedOut;
        }

        var busy = _inFlight.Where(s => s.Value >= settings.MaxConcurrentAttemptsPerSubscription).Select(s => s.Key).ToList();
        var queue = scope.ServiceProvider.GetRequiredService<WebhookDeliveryQueue>();
        var started = 0;
        foreach (var (deliveryId, subscriptionId) in await queue.FindDueAsync(room, busy, cancellationToken))
        {
            if (_inFlight.GetValueOrDefault(subscriptionId) >= settings.MaxConcurrentAttemptsPerSubscription
                || !await queue.TryClaimAsync(deliveryId, _workerId, cancellationToken))
            {
                continue;
            }

            _inFlight.AddOrUpdate(subscriptionId, 1, (_, count) => count + 1);
            Interlocked.Increment(ref _inFlightTotal);
            var attempt = MakeAttemptAsync(deliveryId, subscriptionId, cancellationToken);
            _running[attempt] = true;
            _ = attempt.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            started++;
        }

        return fannedOut + started;
    }

    private async Task MakeAttemptAsync(Guid deliveryId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WebhookDeliveryStep>().RunAsync(deliveryId, _workerId, cancellationToken);
        }
        catch (Exception exception)
        {
            // Not recorded: the attempt is made again when its lease runs out (also when the host stops mid-attempt).
            if (!cancellationToken.IsCancellationRequested)
            {
                LogAttemptFailed(logger, deliveryId, exception);
            }
        }
        finally
        {
            _inFlight.AddOrUpdate(subscriptionId, 0, (_, count) => count - 1);
            Interlocked.Decrement(ref _inFlightTotal);
            signal.Notify();
        }
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
        return untilDue > TimeSpan.Zero && untilDue < poll ? untilDue : poll;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook delivery round failed; the next one starts after the poll interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook attempt {DeliveryId} could not be made or recorded; it is made again after its lease")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, Exception exception);
}
