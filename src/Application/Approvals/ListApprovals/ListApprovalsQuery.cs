using Mediator;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Approvals.ListApprovals;

/// <summary>One page of the approvals the caller may see (approvers: all; others: their own), newest first.</summary>
[RequiresPermission(Permission.Read)]
public sealed record ListApprovalsQuery(string? Status, int Page = 1, int PageSize = ListApprovalsQuery.DefaultPageSize) : IQuery<ApprovalPage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    /// <summary>Keeps (page - 1) * pageSize within an int.</summary>
    public const int MaxPage = 1_000_000;
}
