using FluentValidation;

namespace Orchestrator.Application.Webhooks.ListWebhookDeliveries;

internal sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 1_000_000).WithMessage("'page' must be between 1 and 1000000.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200).WithMessage("'pageSize' must be between 1 and 200.");
    }
}
