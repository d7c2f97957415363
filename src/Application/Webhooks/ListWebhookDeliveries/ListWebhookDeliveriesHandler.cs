using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Application.Webhooks.ListWebhookDeliveries;

internal sealed class ListWebhookDeliveriesHandler(IApplicationDbContext db) : IQueryHandler<ListWebhookDeliveriesQuery, WebhookDeliveryPage>
{
    public async ValueTask<WebhookDeliveryPage> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(w => w.Id == query.WebhookId, cancellationToken))
        {
            throw new NotFoundException($"Webhook '{query.WebhookId}' was not found.");
        }

        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == query.WebhookId);
        var total = await deliveries.CountAsync(cancellationToken);
        var page = await deliveries
            .OrderByDescending(d => d.At)
            .ThenByDescending(d => d.Attempt)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new WebhookDeliveryPage(
            [.. page.Select(d => new WebhookDeliveryDto(d.Id, d.EventId, d.EventType, d.Attempt, d.Status.ToString().ToLowerInvariant(), d.ResponseStatus, d.At))],
            query.Page,
            query.PageSize,
            total);
    }
}
