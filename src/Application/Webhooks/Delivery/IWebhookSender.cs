namespace Orchestrator.Application.Webhooks.Delivery;

/// <summary>Sends one signed attempt to a target, over a connection that only reaches addresses the target policy allows.</summary>
public interface IWebhookSender
{
    Task<WebhookSendResult> SendAsync(Uri url, string secret, string messageId, string payload, CancellationToken cancellationToken);
}
