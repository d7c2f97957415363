using FluentValidation;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// States the limits of each operation's input as its request's validator declares them, so the document and
/// the 400s cannot disagree: a query, path or header parameter takes the rules of the request property of its
/// name, a JSON body property those of the request property of its name.
/// </summary>
public sealed class ValidatorRulesOperationFilter(IServiceScopeFactory scopes) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (OperationRequestType.Of(context.ApiDescription) is not { } requestType)
        {
            return;
        }

        using var scope = scopes.CreateScope();
        if (scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(requestType)) is not IValidator validator)
        {
            return;
        }

        var descriptor = validator.CreateDescriptor();
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Schema is OpenApiSchema schema && ValidationRuleSchema.Apply(schema, ValidationRuleSchema.RulesFor(descriptor, parameter.Name!)))
            {
                parameter.Required = true;
            }
        }

        foreach (var media in operation.RequestBody?.Content?.Values ?? [])
        {
            if (ComponentSchemas.Resolve(media.Schema, context.SchemaRepository) is not { Properties: { } properties } body)
            {
                continue;
            }

            foreach (var (name, property) in properties)
            {
                if (ComponentSchemas.Resolve(property, context.SchemaRepository) is { } target
                    && ValidationRuleSchema.Apply(target, ValidationRuleSchema.RulesFor(descriptor, name)))
                {
                    body.Required ??= new HashSet<string>();
                    body.Required.Add(name);
                }
            }
        }
    }
}
