using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Approvals.GetApproval;

/// <summary>Someone else's approval is answered exactly like one that does not exist: no enumeration by id.</summary>
internal sealed class GetApprovalHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    ApproverRoles approvers,
    TypeAdapterConfig mapping) : IQueryHandler<GetApprovalQuery, ApprovalDto>
{
    public async ValueTask<ApprovalDto> Handle(GetApprovalQuery query, CancellationToken cancellationToken)
    {
        var approval = await db.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == query.ApprovalId, cancellationToken);
        if (approval is null || (approval.RequesterId != currentUser.UserId && !approvers.Includes(currentUser.Role)))
        {
            throw new NotFoundException($"Approval '{query.ApprovalId}' was not found.");
        }

        return approval.Adapt<ApprovalDto>(mapping);
    }
}
