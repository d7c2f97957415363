using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Approvals.ListApprovals;

/// <summary>Reads along the (status, created) index for approvers and the (requester, created) index for everyone else.</summary>
internal sealed class ListApprovalsHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    ApproverRoles approvers,
    TypeAdapterConfig mapping) : IQueryHandler<ListApprovalsQuery, ApprovalPage>
{
    public async ValueTask<ApprovalPage> Handle(ListApprovalsQuery query, CancellationToken cancellationToken)
    {
        var approvals = db.Approvals.AsNoTracking();
        if (!approvers.Includes(currentUser.Role))
        {
            var userId = currentUser.UserId;
            approvals = approvals.Where(a => a.RequesterId == userId);
        }

        if (ApprovalWireNames.TryParseStatus(query.Status, out var status))
        {
            approvals = approvals.Where(a => a.Status == status);
        }

        var total = await approvals.CountAsync(cancellationToken);
        var page = await approvals
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new ApprovalPage(page.Adapt<List<ApprovalDto>>(mapping), query.Page, query.PageSize, total);
    }
}
