using FluentValidation;

namespace Orchestrator.Application.Audit.ExportAuditEvents;

internal sealed class ExportAuditEventsValidator : AbstractValidator<ExportAuditEventsQuery>
{
    public ExportAuditEventsValidator()
    {
        RuleFor(q => q.Action).MaximumLength(64).WithMessage("'action' is at most 64 characters.");
        RuleFor(q => q.To)
            .Must((query, to) => query.From is null || to is null || query.From <= to)
            .WithMessage("'to' must not be before 'from'.");
    }
}
