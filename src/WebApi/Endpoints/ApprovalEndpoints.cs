using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Approvals.ApproveApproval;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Approvals.GetApproval;
using Orchestrator.Application.Approvals.ListApprovals;
using Orchestrator.Application.Approvals.RejectApproval;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.Requests;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>Creations waiting for an approver (<c>/api/v1/approvals</c>; docs/decisions/0030-approvals.md).</summary>
public static class ApprovalEndpoints
{
    public const string Tag = "Approvals";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet(string.Empty, List).Sends<ListApprovalsQuery>();
        group.MapGet("{id:guid}", Get).Sends<GetApprovalQuery>();
        group.MapPost("{id:guid}/approve", Approve).Sends<ApproveApprovalCommand>();
        group.MapPost("{id:guid}/reject", Reject).Sends<RejectApprovalCommand>();
    }

    /// <summary>
    /// The approvals you may see, newest first (permission: read): approvers (admins and the roles in
    /// <c>Approvals:ApproverRoles</c>) see every one, everyone else only the ones their own creations asked for.
    /// </summary>
    /// <param name="status">pending, approved, rejected or expired.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <param name="page">From 1.</param>
    /// <param name="pageSize">1 to 100, default 50.</param>
    public static async Task<ApprovalPage> List(
        [FromQuery] string? status,
        [FromServices] ISender sender,
        CancellationToken cancellationToken,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = ListApprovalsQuery.DefaultPageSize) =>
        await sender.Send(new ListApprovalsQuery(status, page, pageSize), cancellationToken);

    /// <summary>Read one approval (permission: read): approvers any, everyone else only their own; anything else is 404.</summary>
    /// <param name="id">The approval id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<ApprovalDto> Get(Guid id, [FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetApprovalQuery(id), cancellationToken);

    /// <summary>
    /// Approve a waiting creation (approvers only; 403 for anyone else and for its requester, admins included). The
    /// resource goes on to <c>pending</c> and is provisioned like any other. Already decided or expired: 409; of
    /// several decisions sent at once exactly one stands.
    /// </summary>
    /// <param name="id">The approval id.</param>
    /// <param name="body">An optional comment, at most 1000 characters.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<ApprovalDto> Approve(Guid id, JsonBody<DecisionBody> body, [FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new ApproveApprovalCommand(id, body.Value.Comment), cancellationToken);

    /// <summary>
    /// Reject a waiting creation (approvers only; 403 for anyone else and for its requester, admins included). The
    /// resource ends <c>rejected</c> and its quota unit is given back. Already decided or expired: 409; of several
    /// decisions sent at once exactly one stands.
    /// </summary>
    /// <param name="id">The approval id.</param>
    /// <param name="body">An optional comment, at most 1000 characters.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<ApprovalDto> Reject(Guid id, JsonBody<DecisionBody> body, [FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new RejectApprovalCommand(id, body.Value.Comment), cancellationToken);
}
