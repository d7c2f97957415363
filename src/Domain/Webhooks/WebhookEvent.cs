namespace Orchestrator.Domain.Webhooks;

/// <summary>
/// The outbox: one row per event, written in the same transaction as the change that caused it, with the exact body
/// every delivery sends. The delivery worker fans it out to the subscriptions that want it.
/// </summary>
public sealed class WebhookEvent
{
    public const int TypeMaxLength = 64;

    private WebhookEvent()
    {
    }

    /// <summary>The id of the audit event it was derived from: one event per audit row, however often a save is retried.</summary>
    public Guid Id { get; private set; }

    public string Type { get; private set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The JSON body <c>{type, timestamp, data}</c>, signed and sent as it is.</summary>
    public string Payload { get; private set; } = string.Empty;

    /// <summary>When deliveries were made for the subscriptions of that moment; null until then. A concurrency token.</summary>
    public DateTimeOffset? FannedOutAt { get; private set; }

    public static WebhookEvent Create(Guid id, string type, DateTimeOffset occurredAt, string payload) => new()
    {
        Id = id,
        Type = type,
        OccurredAt = occurredAt,
        Payload = payload,
    };

    public void MarkFannedOut(DateTimeOffset now) => FannedOutAt = now;
}
