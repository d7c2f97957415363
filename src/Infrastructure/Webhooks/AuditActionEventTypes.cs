using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>
/// Which audit actions are webhook events, and of which type. Every event the contract lists is audited, so deriving
/// events from the audit rows of a save puts each in the same transaction as its change (decision 0031).
/// </summary>
public static class AuditActionEventTypes
{
    private static readonly Dictionary<string, string> ByAction = new(StringComparer.Ordinal)
    {
        ["resource.created"] = WebhookEventTypes.ResourceCreated,
        ["resource.status-changed"] = WebhookEventTypes.ResourceStatusChanged,

        // A delete moves any live status to deleting in one step, audited under its own name.
        ["resource.deletion-requested"] = WebhookEventTypes.ResourceStatusChanged,
        ["resource.expiring"] = WebhookEventTypes.ResourceExpiring,
        ["resource.expired"] = WebhookEventTypes.ResourceExpired,
        ["resource.drifted"] = WebhookEventTypes.ResourceDrifted,
        ["approval.requested"] = WebhookEventTypes.ApprovalRequested,
        ["approval.approved"] = WebhookEventTypes.ApprovalDecided,
        ["approval.rejected"] = WebhookEventTypes.ApprovalDecided,
        ["approval.expired"] = WebhookEventTypes.ApprovalDecided,
        ["account.locked"] = WebhookEventTypes.SecurityLockout,
        ["token.reuse-detected"] = WebhookEventTypes.SecurityRefreshReuse,
    };

    public static IReadOnlyCollection<string> Actions => ByAction.Keys;

    /// <summary>The event type of an audit action, or null when the action is not an event.</summary>
    public static string? For(string action) => ByAction.GetValueOrDefault(action);
}
