using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Application.Webhooks.Delivery;

/// <summary>
/// Makes one claimed attempt and records it: succeeded, or failed with the next attempt scheduled by
/// <see cref="WebhookRetrySchedule"/> until <c>Webhooks:MaxAttempts</c>. The record is saved only while the claim
/// holds; a crash between sending and saving sends the attempt again after the lease (at least once, same webhook-id).
/// </summary>
public sealed partial class WebhookDeliveryStep(
    IApplicationDbContext db,
    IWebhookSender sender,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryStep> logger)
{
    public async Task RunAsync(Guid deliveryId, string workerId, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.LeaseOwner == workerId, cancellationToken);
        if (delivery is null || delivery.Status != WebhookDeliveryStatus.Pending)
        {
            return;
        }

        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        var payload = await db.WebhookEvents.Where(e => e.Id == delivery.EventId).Select(e => e.Payload).FirstOrDefaultAsync(cancellationToken);
        if (subscription is null || payload is null)
        {
            // Deleted meanwhile: its attempts went with it.
            return;
        }

        var messageId = WebhookMessageId.For(delivery.EventId, subscription.Id);
        var result = await sender.SendAsync(new Uri(subscription.Url), subscription.Secret, messageId, payload, cancellationToken);
        var now = clock.GetUtcNow();
        var settings = options.Value;
        if (result.Succeeded)
        {
            delivery.Succeed(result.ResponseStatus!.Value, now);
        }
        else
        {
            delivery.Fail(result.ResponseStatus, now);
            if (delivery.Attempt < settings.MaxAttempts)
            {
                var delay = WebhookRetrySchedule.After(delivery.Attempt, settings.FirstRetryDelay, settings.MaxRetryDelay, Random.Shared.NextDouble());
                db.WebhookDeliveries.Add(WebhookDelivery.Schedule(
                    Guid.CreateVersion7(now), subscription.Id, delivery.EventId, delivery.EventType, delivery.Attempt + 1, now + delay));
            }

            LogAttemptFailed(logger, delivery.EventType, subscription.Id, delivery.Attempt, result.ResponseStatus, result.Failure ?? "non-2xx answer");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The lease ran out and another worker claimed the attempt: it records its own, this one is dropped.
            LogLeaseLost(logger, delivery.Id);
        }
        finally
        {
            db.DiscardChanges();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook attempt {Attempt} of {EventType} to subscription {SubscriptionId} failed (status {ResponseStatus}): {Failure}")]
    private static partial void LogAttemptFailed(ILogger logger, string eventType, Guid subscriptionId, int attempt, int? responseStatus, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook attempt {DeliveryId} lost its lease before it was recorded")]
    private static partial void LogLeaseLost(ILogger logger, Guid deliveryId);
}
