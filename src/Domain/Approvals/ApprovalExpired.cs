using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Approvals;

/// <summary>Nobody decided within <c>Approvals:ExpireAfter</c>: the creation is rejected by the service.</summary>
public sealed record ApprovalExpired(Guid ApprovalId, Guid ResourceId, IReadOnlyList<string> Rules, TimeSpan ExpireAfter) : IDomainEvent
{
    public string Action => "approval.expired";

    public string Details => $"approvalId={ApprovalId} rules={string.Join(',', Rules)} expireAfter={ExpireAfter}";
}
