using Mediator;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Approvals.RejectApproval;

/// <summary>Reject a waiting creation (approvers only, never its requester): the resource ends <c>rejected</c> and its quota unit is given back.</summary>
[RequiresPermission(Permission.Read)]
[StateConflict("The approval is already decided (approved, rejected or expired): a decision stands once made.")]
public sealed record RejectApprovalCommand(Guid ApprovalId, string? Comment) : ICommand<ApprovalDto>, IOptimisticChange;
