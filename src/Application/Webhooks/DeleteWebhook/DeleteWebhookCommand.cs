using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Webhooks.DeleteWebhook;

[RequiresPermission(Permission.ManageWebhooks)]
public sealed record DeleteWebhookCommand(Guid WebhookId) : ICommand;
