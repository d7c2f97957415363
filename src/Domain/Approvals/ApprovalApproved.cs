using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Approvals;

/// <summary>An approver approved the creation: it is provisioned.</summary>
public sealed record ApprovalApproved(Guid ApprovalId, Guid ResourceId, Guid DeciderId, IReadOnlyList<string> Rules) : IDomainEvent
{
    public string Action => "approval.approved";

    public string Details => $"approvalId={ApprovalId} decider={DeciderId} rules={string.Join(',', Rules)}";
}
