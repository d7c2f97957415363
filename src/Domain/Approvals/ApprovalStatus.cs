namespace Orchestrator.Domain.Approvals;

/// <summary>pending until an approver decides (approved or rejected) or nobody does in time (expired).</summary>
public enum ApprovalStatus
{
    Pending,
    Approved,
    Rejected,
    Expired,
}
