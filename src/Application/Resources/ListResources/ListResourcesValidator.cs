using FluentValidation;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.ListResources;

internal sealed class ListResourcesValidator : AbstractValidator<ListResourcesQuery>
{
    public ListResourcesValidator()
    {
        RuleFor(q => q.Type)
            .Must(type => type is null || ResourceWireNames.TryParseType(type, out _))
            .WithMessage($"'type' must be one of: {string.Join(", ", ResourceWireNames.Types)}.");

        RuleFor(q => q.Status)
            .Must(status => status is null || ResourceWireNames.TryParseStatus(status, out _))
            .WithMessage($"'status' must be one of: {string.Join(", ", ResourceWireNames.Statuses)}.");

        RuleFor(q => q.Region)
            .MaximumLength(32).WithMessage("'region' is at most 32 characters.");

        RuleFor(q => q.Tags)
            .Must(tags => tags.All(tag => TagFilter.TryParse(tag, out _)))
            .WithMessage("'tag' must look like key:value.")
            .OverridePropertyName("tag");

        RuleFor(q => q.Page)
            .InclusiveBetween(1, ListResourcesQuery.MaxPage).WithMessage($"'page' must be between 1 and {ListResourcesQuery.MaxPage}.");

        RuleFor(q => q.PageSize)
            .InclusiveBetween(1, ListResourcesQuery.MaxPageSize)
            .WithMessage($"'pageSize' must be between 1 and {ListResourcesQuery.MaxPageSize}.");
    }
}
