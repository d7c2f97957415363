namespace Orchestrator.Application.Webhooks.Delivery;

/// <summary>What one attempt got: the receiver's status (null when none came), and for the log why it failed.</summary>
public sealed record WebhookSendResult(int? ResponseStatus, string? Failure)
{
    /// <summary>A 2xx answer; anything else (a redirect included, which is never followed) is a failed attempt.</summary>
    public bool Succeeded => ResponseStatus is >= 200 and <= 299;
}
