using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.OpenApi;
using Orchestrator.Application.Audit.ListAuditEvents;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>The page types of the list queries, each with the largest page size its query's validator allows.</summary>
public static class PageSizeLimits
{
    public static List<(Type Page, int MaxItems)> Find(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var pages = new List<(Type, int)>();
        foreach (var request in typeof(ListAuditEventsQuery).Assembly.GetExportedTypes())
        {
            var page = request.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQuery<>))?.GetGenericArguments()[0];
            if (page?.GetProperty("Items") is null
                || scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(request)) is not IValidator validator)
            {
                continue;
            }

            var pageSize = new OpenApiSchema { Type = JsonSchemaType.Integer };
            ValidationRuleSchema.Apply(pageSize, ValidationRuleSchema.RulesFor(validator.CreateDescriptor(), "PageSize"));
            if (int.TryParse(pageSize.Maximum, CultureInfo.InvariantCulture, out var max))
            {
                pages.Add((page, max));
            }
        }

        return pages;
    }
}
