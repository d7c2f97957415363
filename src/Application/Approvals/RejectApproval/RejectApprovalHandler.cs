using Mapster;
using Mediator;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Approvals.RejectApproval;

/// <summary>Saves the rejection and the resource's end together, then gives the reserved quota unit back (only the decision that stood gets here).</summary>
internal sealed class RejectApprovalHandler(
    IApplicationDbContext db,
    ApprovalDecision decision,
    ICurrentUser currentUser,
    IQuotaGate quotaGate,
    TimeProvider clock,
    TypeAdapterConfig mapping) : ICommandHandler<RejectApprovalCommand, ApprovalDto>
{
    public async ValueTask<ApprovalDto> Handle(RejectApprovalCommand command, CancellationToken cancellationToken)
    {
        var (approval, resource) = await decision.LoadAsync(command.ApprovalId, nameof(RejectApprovalCommand), cancellationToken);
        var now = clock.GetUtcNow();
        approval.Reject(currentUser.UserId, command.Comment, now);
        resource.RejectCreation(ApprovalStatusReasons.Rejected, now);

        // A decision saved first by someone else is answered by OptimisticConcurrencyBehavior (then 409).
        await db.SaveChangesAsync(cancellationToken);
        if (approval.QuotaReceipt is { } receipt)
        {
            await quotaGate.GiveBackAsync(resource.OwnerId, resource.Type, receipt, CancellationToken.None);
        }

        return approval.Adapt<ApprovalDto>(mapping);
    }
}
