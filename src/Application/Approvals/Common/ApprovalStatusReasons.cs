namespace Orchestrator.Application.Approvals.Common;

/// <summary>The <c>statusReason</c> sentences of a creation that ended without approval.</summary>
public static class ApprovalStatusReasons
{
    public const string Rejected = "An approver rejected this creation; its approval holds the decider's comment. Nothing was created in the cloud.";

    public static string Expired(TimeSpan expireAfter) =>
        $"The approval request expired: no approver decided within {expireAfter} (Approvals:ExpireAfter). Nothing was created in the cloud; create it again to ask anew.";
}
