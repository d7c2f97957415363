using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Approvals;

/// <summary>A creation broke <c>requireApproval</c> rules and waits for an approver.</summary>
public sealed record ApprovalRequested(Guid ApprovalId, Guid ResourceId, IReadOnlyList<string> Rules) : IDomainEvent
{
    public string Action => "approval.requested";

    public string Details => $"approvalId={ApprovalId} rules={string.Join(',', Rules)}";
}
