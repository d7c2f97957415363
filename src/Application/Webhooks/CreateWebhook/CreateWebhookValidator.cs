using FluentValidation;
using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Application.Webhooks.CreateWebhook;

internal sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookValidator()
    {
        RuleFor(c => c.Url)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("'url' is required.")
            .MaximumLength(WebhookSubscription.UrlMaxLength).WithMessage($"'url' is at most {WebhookSubscription.UrlMaxLength} characters.")
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !string.IsNullOrEmpty(uri.Host))
            .WithMessage("'url' must be an absolute https URL.");

        RuleFor(c => c.Events)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("'events' lists at least one event type, or [\"*\"] for all.")
            .Must(events => events!.Count <= WebhookEventTypes.Known.Count + 1).WithMessage($"'events' lists at most {WebhookEventTypes.Known.Count + 1} types.")
            .Must(events => events!.All(e => e == WebhookEventTypes.All || WebhookEventTypes.IsKnown(e)))
            .WithMessage($"'events' entries are \"*\" or one of: {string.Join(", ", WebhookEventTypes.Known)}.");

        RuleFor(c => c.Description)
            .MaximumLength(WebhookSubscription.DescriptionMaxLength)
            .WithMessage($"'description' is at most {WebhookSubscription.DescriptionMaxLength} characters.");
    }
}
