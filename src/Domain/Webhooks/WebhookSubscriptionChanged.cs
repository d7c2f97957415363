using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Webhooks;

/// <summary>A subscription was made or deleted (<c>webhook.created</c>, <c>webhook.deleted</c>); never carries the secret.</summary>
public sealed record WebhookSubscriptionChanged(Guid SubscriptionId, string Action, string Details) : IDomainEvent;
