using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Webhooks;

/// <summary>
/// Where the service sends events, which types, and the secret that signs them. The secret is encrypted at rest and
/// shown once, when the subscription is made.
/// </summary>
public sealed class WebhookSubscription : IHasDomainEvents
{
    public const int UrlMaxLength = 2048;
    public const int DescriptionMaxLength = 500;

    private readonly List<IDomainEvent> _events = [];

    private WebhookSubscription()
    {
    }

    public Guid Id { get; private set; }

    public string Url { get; private set; } = string.Empty;

    /// <summary>The subscribed types separated by spaces (<c>*</c> for all), as a single column.</summary>
    public string EventTypes { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    /// <summary><c>whsec_</c> + base64 of the HMAC key, as the Standard Webhooks libraries read it.</summary>
    public string Secret { get; private set; } = string.Empty;

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _events;

    public IReadOnlyList<string> Events => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static WebhookSubscription Create(
        Guid id, string url, IReadOnlyCollection<string> events, string? description, string secret, Guid createdBy, DateTimeOffset now)
    {
        var subscription = new WebhookSubscription
        {
            Id = id,
            Url = url,
            EventTypes = string.Join(' ', events.Distinct(StringComparer.Ordinal)),
            Description = description ?? string.Empty,
            Secret = secret,
            CreatedBy = createdBy,
            CreatedAt = now,
        };
        subscription._events.Add(new WebhookSubscriptionChanged(id, "webhook.created", $"webhook={id} events={subscription.EventTypes}"));
        return subscription;
    }

    public bool Wants(string eventType) => WebhookEventTypes.Selects(EventTypes, eventType);

    /// <summary>Records the deletion; the caller removes the row (its deliveries go with it).</summary>
    public void NoteDeleted() => _events.Add(new WebhookSubscriptionChanged(Id, "webhook.deleted", $"webhook={Id}"));

    public void ClearDomainEvents() => _events.Clear();
}
