using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Application.Webhooks.Common;

internal static class WebhookMapping
{
    public static WebhookDto ToDto(this WebhookSubscription subscription) =>
        new(subscription.Id, subscription.Url, subscription.Events, subscription.Description, subscription.CreatedAt);
}
