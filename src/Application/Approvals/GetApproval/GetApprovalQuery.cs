using Mediator;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Approvals.GetApproval;

/// <summary>One approval: approvers see every one, others only their own (anything else is 404).</summary>
[RequiresPermission(Permission.Read)]
public sealed record GetApprovalQuery(Guid ApprovalId) : IQuery<ApprovalDto>;
