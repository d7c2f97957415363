using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Approvals;

/// <summary>
/// The creation will not happen: an approver rejected it, or (<paramref name="Withdrawn"/>) the resource was deleted
/// before anyone decided.
/// </summary>
public sealed record ApprovalRejected(Guid ApprovalId, Guid ResourceId, Guid DeciderId, IReadOnlyList<string> Rules, bool Withdrawn) : IDomainEvent
{
    public string Action => "approval.rejected";

    public string Details =>
        $"approvalId={ApprovalId} decider={DeciderId} rules={string.Join(',', Rules)}" + (Withdrawn ? " reason=resource-deleted" : string.Empty);
}
