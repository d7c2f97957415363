using FluentValidation;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.CreateResource;

internal sealed class CreateResourceValidator : AbstractValidator<CreateResourceCommand>
{
    public const int MaxIdempotencyKeyLength = 255;

    public CreateResourceValidator(IOptions<CloudCatalogOptions> catalogOptions)
    {
        var catalog = catalogOptions.Value;

        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("'name' is required.")
            .Must(ResourceRules.IsValidName)
            .WithMessage($"'name' must be {ResourceRules.NameMinLength} to {ResourceRules.NameMaxLength} ASCII letters or digits.");

        RuleFor(c => c.Type)
            .NotEmpty().WithMessage("'type' is required.")
            .Must(type => ResourceWireNames.TryParseType(type, out _))
            .WithMessage($"'type' must be one of: {string.Join(", ", ResourceWireNames.Types)}.");

        RuleFor(c => c.Region)
            .NotEmpty().WithMessage("'region' is required.")
            .Must(region => ResourceRules.LooksLikeRegionCode(region) && catalog.AllowedRegions.Contains(region!))
            .WithMessage($"'region' must be one of the allowed AWS regions: {string.Join(", ", catalog.AllowedRegions)}.");

        RuleFor(c => c.Tags).MustBeValidTagSet();

        RuleFor(c => c.IdempotencyKey)
            .Must(key => key is null || (key.Length is > 0 and <= MaxIdempotencyKeyLength && key.All(ch => ch is >= '!' and <= '~')))
            .WithMessage($"The Idempotency-Key header must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters.")
            .OverridePropertyName("Idempotency-Key");

        When(c => c.Spec is not null && ResourceWireNames.TryParseType(c.Type, out _), () =>
            RuleFor(c => c.Spec!).SetValidator(c => new ResourceSpecValidator(ResourceWireNames.ParseType(c.Type!), catalog)));
    }
}
