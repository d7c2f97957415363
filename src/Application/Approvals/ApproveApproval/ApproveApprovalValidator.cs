using FluentValidation;
using Orchestrator.Application.Approvals.Common;

namespace Orchestrator.Application.Approvals.ApproveApproval;

internal sealed class ApproveApprovalValidator : AbstractValidator<ApproveApprovalCommand>
{
    public ApproveApprovalValidator() => RuleFor(c => c.Comment).MustBeADecisionComment();
}
