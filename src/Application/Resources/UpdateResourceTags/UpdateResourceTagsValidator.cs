using FluentValidation;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.UpdateResourceTags;

internal sealed class UpdateResourceTagsValidator : AbstractValidator<UpdateResourceTagsCommand>
{
    public UpdateResourceTagsValidator()
    {
        RuleFor(c => c.Tags)
            .NotNull().WithMessage("'tags' is required; send {} to remove every tag.")
            .MustBeValidTagSet();
    }
}
