namespace Orchestrator.Application.Webhooks.Common;

/// <summary>Decides whether a URL may be a webhook target (https and public unless its host is allowed by configuration).</summary>
public interface IWebhookTargetPolicy
{
    /// <summary>Null when the URL may be registered; otherwise a sentence saying why not. Resolves a host name to check its addresses.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}
