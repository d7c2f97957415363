namespace Orchestrator.Domain.Webhooks;

/// <summary>The event types a webhook subscription can ask for, as the contract names them.</summary>
public static class WebhookEventTypes
{
    public const string ResourceCreated = "resource.created";
    public const string ResourceStatusChanged = "resource.status-changed";
    public const string ResourceExpiring = "resource.expiring";
    public const string ResourceExpired = "resource.expired";
    public const string ResourceDrifted = "resource.drifted";
    public const string ApprovalRequested = "approval.requested";
    public const string ApprovalDecided = "approval.decided";
    public const string SecurityLockout = "security.lockout";
    public const string SecurityRefreshReuse = "security.refresh-reuse";

    /// <summary>Subscribes to every type, those added later included.</summary>
    public const string All = "*";

    public static readonly IReadOnlyList<string> Known =
    [
        ResourceCreated, ResourceStatusChanged, ResourceExpiring, ResourceExpired, ResourceDrifted,
        ApprovalRequested, ApprovalDecided, SecurityLockout, SecurityRefreshReuse,
    ];

    public static bool IsKnown(string? type) => type is not null && Known.Contains(type, StringComparer.Ordinal);

    /// <summary>True when a subscription's space-separated types (<see cref="WebhookSubscription.EventTypes"/>) take <paramref name="type"/>.</summary>
    public static bool Selects(string subscribedTypes, string type)
    {
        foreach (var wanted in subscribedTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (wanted == All || string.Equals(wanted, type, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
