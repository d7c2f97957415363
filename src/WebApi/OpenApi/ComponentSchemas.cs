using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>The schema a reference points at, so that a filter can state limits on the shared component itself.</summary>
public static class ComponentSchemas
{
    public static OpenApiSchema? Resolve(IOpenApiSchema? schema, SchemaRepository repository) => schema switch
    {
        OpenApiSchema concrete => concrete,
        OpenApiSchemaReference { Reference.Id: { } id } when repository.Schemas.TryGetValue(id, out var target) => target as OpenApiSchema,
        _ => null,
    };
}
