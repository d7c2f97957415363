using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Webhooks.ListWebhooks;

[RequiresPermission(Permission.ManageWebhooks)]
public sealed record ListWebhooksQuery(int Page = 1, int PageSize = 50) : IQuery<WebhookPage>;

public sealed record WebhookPage(IReadOnlyList<WebhookDto> Items, int Page, int PageSize, int TotalCount);
