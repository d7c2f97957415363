using FluentValidation;
using Orchestrator.Application.Approvals.Common;

namespace Orchestrator.Application.Approvals.RejectApproval;

internal sealed class RejectApprovalValidator : AbstractValidator<RejectApprovalCommand>
{
    public RejectApprovalValidator() => RuleFor(c => c.Comment).MustBeADecisionComment();
}
