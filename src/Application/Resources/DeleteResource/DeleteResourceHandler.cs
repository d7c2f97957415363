using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Approvals;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.DeleteResource;

/// <summary>
/// Moves the resource to deleting with its delete job. One still waiting for an approval takes its request with it:
/// the approval ends rejected (withdrawn) in the same save and the reserved quota unit is given back.
/// </summary>
internal sealed class DeleteResourceHandler(
    IApplicationDbContext db,
    ResourceContext resourceContext,
    ICurrentUser currentUser,
    IQuotaGate quotaGate,
    TimeProvider clock,
    TypeAdapterConfig mapping) : ICommandHandler<DeleteResourceCommand, ResourceDto>
{
    public async ValueTask<ResourceDto> Handle(DeleteResourceCommand command, CancellationToken cancellationToken)
    {
        var resource = resourceContext.Resource;
        ResourceETag.ThrowIfStale(command.IfMatch, resource.Version);

        var now = clock.GetUtcNow();
        var kind = ResourceDeletion.JobKindFor(resource);
        var withdrawn = resource.Status == ResourceStatus.AwaitingApproval
            ? await db.Approvals.FirstOrDefaultAsync(a => a.ResourceId == resource.Id && a.Status == ApprovalStatus.Pending, cancellationToken)
            : null;
        bool requested;
        try
        {
            // Deletion protection refuses here (409 deletion-protected, DeletionProtectedException).
            requested = resource.RequestDeletion(now);
        }
        catch (DomainRuleException exception)
        {
            throw new ConflictException(exception.Message);
        }

        if (requested)
        {
            withdrawn?.Withdraw(currentUser.UserId, now);
            ResourceDeletion.AddJob(db, resource.Id, kind, now);

            // A lost race (a decision on the approval included) is answered by OptimisticConcurrencyBehavior.
            await db.SaveChangesAsync(cancellationToken);
            if (withdrawn?.QuotaReceipt is { } receipt)
            {
                await quotaGate.GiveBackAsync(resource.OwnerId, resource.Type, receipt, CancellationToken.None);
            }
        }

        return resource.Adapt<ResourceDto>(mapping);
    }
}
