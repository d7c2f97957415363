using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Application.Webhooks.Delivery;

/// <summary>
/// Turns outbox events into first attempts, one per subscription that wanted the event's type when it happened. An
/// event nobody wants is only marked: the outbox row stays as the record. Two workers fanning out one event cannot
/// both save: the event's <c>FannedOutAt</c> is a concurrency token.
/// </summary>
public sealed class WebhookFanOut(IApplicationDbContext db, TimeProvider clock, IOptions<WebhookOptions> options)
{
    /// <summary>One batch; returns how many events it fanned out.</summary>
    public async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var events = await db.WebhookEvents
            .Where(e => e.FannedOutAt == null)
            .OrderBy(e => e.OccurredAt)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Select(s => new { s.Id, s.EventTypes, s.CreatedAt })
            .ToListAsync(cancellationToken);
        var done = 0;
        foreach (var outboxEvent in events)
        {
            var now = clock.GetUtcNow();
            foreach (var subscription in subscriptions)
            {
                if (subscription.CreatedAt <= outboxEvent.OccurredAt && WebhookEventTypes.Selects(subscription.EventTypes, outboxEvent.Type))
                {
                    db.WebhookDeliveries.Add(WebhookDelivery.Schedule(
                        Guid.CreateVersion7(now), subscription.Id, outboxEvent.Id, outboxEvent.Type, attempt: 1, now));
                }
            }

            outboxEvent.MarkFannedOut(now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                done++;
            }
            catch (DbUpdateException)
            {
                // Another worker fanned it out first (or a subscription went away meanwhile): the next batch looks again.
                db.DiscardChanges();
                return done;
            }
        }

        return done;
    }
}
