using FluentValidation;

namespace Orchestrator.Application.Audit.ListAuditEvents;

internal sealed class ListAuditEventsValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsValidator()
    {
        RuleFor(q => q.Action).MaximumLength(64).WithMessage("'action' is at most 64 characters.");
        RuleFor(q => q.To)
            .Must((query, to) => query.From is null || to is null || query.From <= to)
            .WithMessage("'to' must not be before 'from'.");
        RuleFor(q => q.Page)
            .InclusiveBetween(1, ListAuditEventsQuery.MaxPage).WithMessage($"'page' must be between 1 and {ListAuditEventsQuery.MaxPage}.");
        RuleFor(q => q.PageSize)
            .InclusiveBetween(1, ListAuditEventsQuery.MaxPageSize)
            .WithMessage($"'pageSize' must be between 1 and {ListAuditEventsQuery.MaxPageSize}.");
    }
}
