using System.Security.Cryptography;

namespace Orchestrator.Application.Webhooks.Delivery;

/// <summary>
/// The <c>webhook-id</c> of an event sent to a subscription: the same for every attempt, so a receiver can drop a
/// retried message it already handled, and different per subscription, so one receiver's ids reveal nothing of another's.
/// </summary>
public static class WebhookMessageId
{
    public static string For(Guid eventId, Guid subscriptionId)
    {
        Span<byte> input = stackalloc byte[32];
        eventId.TryWriteBytes(input[..16]);
        subscriptionId.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return "msg_" + Convert.ToHexStringLower(hash[..16]);
    }
}
