using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Orchestrator.WebApi.Middleware;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// The server's own limits for any input no rule bounds more tightly: a query or path value fits in the request
/// line, a header value in the headers' total size, and a body field in the body limit. Runs after the validators'
/// rules, so it only fills what they left open.
/// </summary>
public sealed class RequestLimitsOperationFilter(IOptions<KestrelServerOptions> kestrel) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var limits = kestrel.Value.Limits;
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            var max = parameter.In == ParameterLocation.Header ? limits.MaxRequestHeadersTotalSize : limits.MaxRequestLineSize;
            if (parameter.Schema is OpenApiSchema schema)
            {
                // Each repeated value costs at least its name, "=" and a separator.
                Bound(schema, max, max / (parameter.Name!.Length + 2), context.SchemaRepository, []);
            }
        }

        var bodyLimit = (int)RequestBodyLimitMiddleware.DefaultLimit;
        foreach (var media in operation.RequestBody?.Content?.Values ?? [])
        {
            // An element costs at least one byte of the body.
            Bound(media.Schema, bodyLimit, bodyLimit, context.SchemaRepository, []);
        }
    }

    private static void Bound(IOpenApiSchema? reference, int maxLength, int maxItems, SchemaRepository repository, HashSet<OpenApiSchema> seen)
    {
        if (ComponentSchemas.Resolve(reference, repository) is not { } schema || !seen.Add(schema))
        {
            return;
        }

        if (SchemaBounds.IsString(schema) && schema.Enum is not { Count: > 0 })
        {
            SchemaBounds.MaxLength(schema, maxLength);
        }

        if (SchemaBounds.IsArray(schema))
        {
            SchemaBounds.MaxItems(schema, maxItems);
        }

        if (schema.AdditionalProperties is { } values)
        {
            schema.MaxProperties ??= maxItems;
            Bound(values, maxLength, maxItems, repository, seen);
        }

        Bound(schema.Items, maxLength, maxItems, repository, seen);
        foreach (var property in schema.Properties?.Values ?? [])
        {
            Bound(property, maxLength, maxItems, repository, seen);
        }
    }
}
