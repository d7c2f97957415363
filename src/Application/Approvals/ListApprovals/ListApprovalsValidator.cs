using FluentValidation;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Common.Validation;

namespace Orchestrator.Application.Approvals.ListApprovals;

internal sealed class ListApprovalsValidator : AbstractValidator<ListApprovalsQuery>
{
    public ListApprovalsValidator()
    {
        RuleFor(q => q.Status)
            .MustBeOneOf(ApprovalWireNames.Statuses)
            .When(q => q.Status is not null)
            .WithMessage($"'status' must be one of: {string.Join(", ", ApprovalWireNames.Statuses)}.");
        RuleFor(q => q.Page)
            .InclusiveBetween(1, ListApprovalsQuery.MaxPage).WithMessage($"'page' must be between 1 and {ListApprovalsQuery.MaxPage}.");
        RuleFor(q => q.PageSize)
            .InclusiveBetween(1, ListApprovalsQuery.MaxPageSize)
            .WithMessage($"'pageSize' must be between 1 and {ListApprovalsQuery.MaxPageSize}.");
    }
}
