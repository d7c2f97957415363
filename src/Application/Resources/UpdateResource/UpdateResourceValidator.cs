using FluentValidation;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Lifecycle;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.UpdateResource;

internal sealed class UpdateResourceValidator : AbstractValidator<UpdateResourceCommand>
{
    public UpdateResourceValidator(IOptions<LifecycleOptions> lifecycle, TimeProvider clock)
    {
        RuleFor(c => c.ChangesSomething)
            .Equal(true)
            .WithMessage("Send at least one of 'tags' (the whole new set; {} removes every tag), 'expiresAt' (null clears it) or 'deletionProtection'.")
            .OverridePropertyName("body");

        RuleFor(c => c.Tags).MustBeValidTagSet();

        RuleFor(c => c.ExpiresAt)
            .Custom((expiresAt, context) =>
            {
                if (expiresAt is { } at && ExpiryBounds.Problem(at, clock.GetUtcNow(), lifecycle.Value.MaxLifetime) is { } problem)
                {
                    context.AddFailure(problem);
                }
            });
    }
}
