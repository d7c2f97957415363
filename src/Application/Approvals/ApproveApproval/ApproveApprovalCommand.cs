using Mediator;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Approvals.ApproveApproval;

/// <summary>
/// Approve a waiting creation (approvers only, never its requester): the resource goes on to <c>pending</c> and is
/// provisioned by the ordinary create job.
/// </summary>
[RequiresPermission(Permission.Read)]
[StateConflict("The approval is already decided (approved, rejected or expired): a decision stands once made.")]
public sealed record ApproveApprovalCommand(Guid ApprovalId, string? Comment) : ICommand<ApprovalDto>, IOptimisticChange;
