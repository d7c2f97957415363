using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Webhooks.Common;

namespace Orchestrator.Application.Webhooks.ListWebhooks;

internal sealed class ListWebhooksHandler(IApplicationDbContext db) : IQueryHandler<ListWebhooksQuery, WebhookPage>
{
    public async ValueTask<WebhookPage> Handle(ListWebhooksQuery query, CancellationToken cancellationToken)
    {
        var total = await db.WebhookSubscriptions.CountAsync(cancellationToken);
        var page = await db.WebhookSubscriptions.AsNoTracking()
            .OrderBy(w => w.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new WebhookPage([.. page.Select(w => w.ToDto())], query.Page, query.PageSize, total);
    }
}
