using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Webhooks.ListWebhookDeliveries;

/// <summary>The attempts made and scheduled for one subscription, newest first (admin).</summary>
[RequiresPermission(Permission.ManageWebhooks)]
public sealed record ListWebhookDeliveriesQuery(Guid WebhookId, int Page = 1, int PageSize = 50) : IQuery<WebhookDeliveryPage>;

public sealed record WebhookDeliveryDto(Guid Id, Guid EventId, string EventType, int Attempt, string Status, int? ResponseStatus, DateTimeOffset At);

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryDto> Items, int Page, int PageSize, int TotalCount);
