namespace Orchestrator.Application.Approvals.Common;

/// <summary>One page of the approvals the caller may see, newest first.</summary>
public sealed record ApprovalPage(IReadOnlyList<ApprovalDto> Items, int Page, int PageSize, int TotalCount);
