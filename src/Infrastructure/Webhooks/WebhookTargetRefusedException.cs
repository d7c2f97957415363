namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>A connection the target policy refused: the host resolved to an address webhooks may not reach.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
