using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Webhooks.Common;

namespace Orchestrator.Application.Webhooks.GetWebhook;

internal sealed class GetWebhookHandler(IApplicationDbContext db) : IQueryHandler<GetWebhookQuery, WebhookDto>
{
    public async ValueTask<WebhookDto> Handle(GetWebhookQuery query, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(w => w.Id == query.WebhookId, cancellationToken)
            ?? throw new NotFoundException($"Webhook '{query.WebhookId}' was not found.");
        return subscription.ToDto();
    }
}
