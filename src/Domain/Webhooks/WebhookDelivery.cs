namespace Orchestrator.Domain.Webhooks;

/// <summary>
/// One attempt to deliver one event to one subscription: pending until it is made, then succeeded or failed. A failed
/// attempt with attempts left schedules the next one as a new row, so the list shows every attempt. A worker claims a
/// due attempt with a lease; <see cref="LeaseVersion"/> is the fencing token its save is checked against.
/// </summary>
public sealed class WebhookDelivery
{
    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public Guid EventId { get; private set; }

    public string EventType { get; private set; } = string.Empty;

    /// <summary>1 for the first attempt.</summary>
    public int Attempt { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    /// <summary>The receiver's HTTP status; null when none came (refused, unreachable, timed out).</summary>
    public int? ResponseStatus { get; private set; }

    /// <summary>When the attempt is due while pending; when it was made once it is.</summary>
    public DateTimeOffset At { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    public long LeaseVersion { get; private set; }

    public static WebhookDelivery Schedule(Guid id, Guid subscriptionId, Guid eventId, string eventType, int attempt, DateTimeOffset at) => new()
    {
        Id = id,
        SubscriptionId = subscriptionId,
        EventId = eventId,
        EventType = eventType,
        Attempt = attempt,
        Status = WebhookDeliveryStatus.Pending,
        At = at,
    };

    public void Succeed(int responseStatus, DateTimeOffset now) => Finish(WebhookDeliveryStatus.Succeeded, responseStatus, now);

    public void Fail(int? responseStatus, DateTimeOffset now) => Finish(WebhookDeliveryStatus.Failed, responseStatus, now);

    private void Finish(WebhookDeliveryStatus status, int? responseStatus, DateTimeOffset now)
    {
        Status = status;
        ResponseStatus = responseStatus;
        At = now;
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }
}
