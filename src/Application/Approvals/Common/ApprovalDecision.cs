using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Approvals;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Approvals.Common;

/// <summary>
/// What approving and rejecting share: only an approver who is not the requester decides (403, audited), an unknown
/// approval is 404, a decided one 409. The approval and its resource are loaded tracked; the decision is saved under
/// the approval's concurrency token, so of several decisions at once one stands and the others, run again by the
/// optimistic-concurrency behavior, find it decided (409).
/// </summary>
public sealed class ApprovalDecision(IApplicationDbContext db, ICurrentUser currentUser, ApproverRoles approvers, IAuditLog auditLog)
{
    public async Task<(Approval Approval, Resource Resource)> LoadAsync(Guid approvalId, string requestName, CancellationToken cancellationToken)
    {
        if (!approvers.Includes(currentUser.Role))
        {
            await auditLog.RecordAsync("access.denied", AuditOutcome.Denied, resourceId: null, $"request={requestName} approvalId={approvalId} reason=not-an-approver", cancellationToken);
            throw new ForbiddenException("Only approvers decide approvals: admins and the roles listed in Approvals:ApproverRoles.");
        }

        var approval = await db.Approvals.FirstOrDefaultAsync(a => a.Id == approvalId, cancellationToken)
            ?? throw new NotFoundException($"Approval '{approvalId}' was not found.");
        if (approval.RequesterId == currentUser.UserId)
        {
            await auditLog.RecordAsync("access.denied", AuditOutcome.Denied, approval.ResourceId, $"request={requestName} approvalId={approvalId} reason=own-request", cancellationToken);
            throw new ForbiddenException("You requested this creation; another approver must decide it.");
        }

        if (!approval.IsPending)
        {
            throw new ConflictException($"The approval is already {ApprovalWireNames.Of(approval.Status)}; a decision stands once made.");
        }

        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == approval.ResourceId, cancellationToken);
        if (resource is not { Status: ResourceStatus.AwaitingApproval })
        {
            // Read after the approval: a decision (or a delete) saved in between moved the resource on with it.
            throw new ConflictException("The approval was decided while this decision was made; a decision stands once made.");
        }

        return (approval, resource);
    }
}
