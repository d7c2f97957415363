namespace Orchestrator.Application.Webhooks.Common;

/// <summary>A subscription as the API shows it; never its secret.</summary>
public sealed record WebhookDto(Guid Id, string Url, IReadOnlyList<string> Events, string Description, DateTimeOffset CreatedAt);
