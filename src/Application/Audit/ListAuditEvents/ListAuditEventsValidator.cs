using FluentValidation;
using Orchestrator.Application.Common.Paging;

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
        RuleFor(q => q.Page)
            .Equal(1).When(q => q.Cursor is not null).WithMessage("'page' and 'cursor' do not go together: a cursor already says where the page starts.");
        RuleFor(q => q.Cursor)
            .Length(PageCursors.TextLength).WithMessage("'cursor' must be a nextCursor this list gave out.");
        RuleFor(q => q.PageSize)
            .InclusiveBetween(1, ListAuditEventsQuery.MaxPageSize)
            .WithMessage($"'pageSize' must be between 1 and {ListAuditEventsQuery.MaxPageSize}.");
    }
}
