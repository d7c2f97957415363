using FluentValidation;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Lifecycle;

namespace Orchestrator.Application.Resources.CreateResource;

internal sealed class CreateResourceValidator : ResourceCreationValidator<CreateResourceCommand>
{
    public const int MaxIdempotencyKeyLength = 255;

    public CreateResourceValidator(IOptions<CloudCatalogOptions> catalogOptions, IOptions<LifecycleOptions> lifecycle, TimeProvider clock)
        : base(catalogOptions, lifecycle, clock)
    {
        var keyRule = $"The Idempotency-Key header must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters.";
        RuleFor(c => c.IdempotencyKey)
            .Cascade(CascadeMode.Stop)
            .Length(1, MaxIdempotencyKeyLength).WithMessage(keyRule)
            .Matches(@"^[!-~]+\z").WithMessage(keyRule)
            .OverridePropertyName("Idempotency-Key");
    }
}
