using Mapster;
using Mediator;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Provisioning;

namespace Orchestrator.Application.Approvals.ApproveApproval;

/// <summary>The approval, the resource's move to pending and its create job are saved together: the same durable path a create without approval takes.</summary>
internal sealed class ApproveApprovalHandler(
    IApplicationDbContext db,
    ApprovalDecision decision,
    ICurrentUser currentUser,
    TimeProvider clock,
    TypeAdapterConfig mapping) : ICommandHandler<ApproveApprovalCommand, ApprovalDto>
{
    public async ValueTask<ApprovalDto> Handle(ApproveApprovalCommand command, CancellationToken cancellationToken)
    {
        var (approval, resource) = await decision.LoadAsync(command.ApprovalId, nameof(ApproveApprovalCommand), cancellationToken);
        var now = clock.GetUtcNow();
        approval.Approve(currentUser.UserId, command.Comment, now);
        resource.ApproveCreation(now);
        db.ProvisioningJobs.Add(ProvisioningJob.Create(resource.Id, ProvisioningJobKind.Create, now));

        // A decision saved first by someone else is answered by OptimisticConcurrencyBehavior (then 409).
        await db.SaveChangesAsync(cancellationToken);
        return approval.Adapt<ApprovalDto>(mapping);
    }
}
