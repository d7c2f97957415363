using FluentValidation;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Application.Common.Validation;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.ListResources;

internal sealed class ListResourcesValidator : AbstractValidator<ListResourcesQuery>
{
    public ListResourcesValidator()
    {
        RuleFor(q => q.Type)
            .MustBeOneOf(ResourceWireNames.Types)
            .WithMessage($"'type' must be one of: {string.Join(", ", ResourceWireNames.Types)}.");

        RuleFor(q => q.Status)
            .MustBeOneOf(ResourceWireNames.Statuses)
            .WithMessage($"'status' must be one of: {string.Join(", ", ResourceWireNames.Statuses)}.");

        RuleFor(q => q.Region)
            .MaximumLength(ResourceRules.RegionMaxLength).WithMessage($"'region' is at most {ResourceRules.RegionMaxLength} characters.");

        RuleFor(q => q.Tags)
            .Must(tags => tags.All(tag => TagFilter.TryParse(tag, out _)))
            .WithMessage("'tag' must look like key:value.")
            .OverridePropertyName("tag");

        RuleFor(q => q.Page)
            .InclusiveBetween(1, ListResourcesQuery.MaxPage).WithMessage($"'page' must be between 1 and {ListResourcesQuery.MaxPage}.");

        RuleFor(q => q.Page)
            .Equal(1).When(q => q.Cursor is not null).WithMessage("'page' and 'cursor' do not go together: a cursor already says where the page starts.");

        RuleFor(q => q.Cursor)
            .Length(PageCursors.TextLength).WithMessage("'cursor' must be a nextCursor this list gave out.");

        RuleFor(q => q.PageSize)
            .InclusiveBetween(1, ListResourcesQuery.MaxPageSize)
            .WithMessage($"'pageSize' must be between 1 and {ListResourcesQuery.MaxPageSize}.");
    }
}
