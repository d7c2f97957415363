using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Webhooks.CreateWebhook;

[RequiresPermission(Permission.ManageWebhooks)]
public sealed record CreateWebhookCommand(string? Url, IReadOnlyList<string>? Events, string? Description) : ICommand<CreatedWebhookDto>;

/// <summary>The answer to a create: the subscription and, this once, its signing secret.</summary>
public sealed record CreatedWebhookDto(Guid Id, string Url, IReadOnlyList<string> Events, string Description, DateTimeOffset CreatedAt, string Secret);
