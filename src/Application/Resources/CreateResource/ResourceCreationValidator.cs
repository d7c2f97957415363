using FluentValidation;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Common.Validation;
using Orchestrator.Application.Lifecycle;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.CreateResource;

/// <summary>The rules of a creation's body, for a create and for its plan alike.</summary>
internal abstract class ResourceCreationValidator<T> : AbstractValidator<T>
    where T : IResourceCreationRequest
{
    protected ResourceCreationValidator(IOptions<CloudCatalogOptions> catalogOptions, IOptions<LifecycleOptions> lifecycle, TimeProvider clock)
    {
        var catalog = catalogOptions.Value;

        // Length and pattern as FluentValidation's own rules (not a predicate), so the OpenAPI document can state them.
        var nameRule = $"'name' must be {ResourceRules.NameMinLength} to {ResourceRules.NameMaxLength} ASCII letters or digits.";
        RuleFor(c => c.Name)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("'name' is required.")
            .Length(ResourceRules.NameMinLength, ResourceRules.NameMaxLength).WithMessage(nameRule)
            .Matches(ResourceRules.NamePattern()).WithMessage(nameRule);

        RuleFor(c => c.Type)
            .NotEmpty().WithMessage("'type' is required.")
            .MustBeOneOf(ResourceWireNames.Types)
            .WithMessage($"'type' must be one of: {string.Join(", ", ResourceWireNames.Types)}.");

        RuleFor(c => c.Region)
            .NotEmpty().WithMessage("'region' is required.")
            .MustBeOneOf([.. catalog.AllowedRegions.Where(ResourceRules.LooksLikeRegionCode)])
            .WithMessage($"'region' must be one of the allowed AWS regions: {string.Join(", ", catalog.AllowedRegions)}.");

        RuleFor(c => c.Tags).MustBeValidTagSet();

        RuleFor(c => c.ExpiresAt)
            .Custom((expiresAt, context) =>
            {
                if (expiresAt is { } at && ExpiryBounds.Problem(at, clock.GetUtcNow(), lifecycle.Value.MaxLifetime) is { } problem)
                {
                    context.AddFailure(problem);
                }
            });

        When(c => c.Spec is not null && ResourceWireNames.TryParseType(c.Type, out _), () =>
            RuleFor(c => c.Spec!).SetValidator(c => new ResourceSpecValidator(ResourceWireNames.ParseType(c.Type!), catalog)));
    }
}
