using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Webhooks.GetWebhook;

[RequiresPermission(Permission.ManageWebhooks)]
public sealed record GetWebhookQuery(Guid WebhookId) : IQuery<WebhookDto>;
