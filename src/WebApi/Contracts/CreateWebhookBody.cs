namespace Orchestrator.WebApi.Contracts;

/// <summary>The body of <c>POST /api/v1/webhooks</c>.</summary>
/// <param name="Url">Where events are sent: https, a public address (unless Webhooks:AllowedHosts lists the host), no credentials.</param>
/// <param name="Events">The event types to send, at least one, or ["*"] for all.</param>
/// <param name="Description">What the subscription is for, at most 500 characters.</param>
public sealed record CreateWebhookBody(string? Url, IReadOnlyList<string>? Events, string? Description);
