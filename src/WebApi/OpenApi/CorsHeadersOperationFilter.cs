using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Orchestrator.WebApi.Edge;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// <c>Access-Control-Allow-Origin</c> on the answers a browser script may read: it names the request's
/// <c>Origin</c> when that is one of the configured origins (<c>Cors:AllowedOrigins</c>), and is absent otherwise.
/// </summary>
public sealed class CorsHeadersOperationFilter(IConfiguration configuration) : IOperationFilter
{
    private readonly IReadOnlyList<string> _origins =
        (configuration.GetSection(CorsSettings.SectionName).Get<CorsSettings>() ?? new CorsSettings()).EffectiveOrigins;

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var (code, value) in operation.Responses ?? [])
        {
            if (value is not OpenApiResponse response)
            {
                continue;
            }

            var schema = new OpenApiSchema { Type = JsonSchemaType.String };
            SchemaBounds.OneOf(schema, _origins);
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers.TryAdd(HeaderNames.AccessControlAllowOrigin, new OpenApiHeader
            {
                Description = code == "429"
                    ? "The request's Origin, when it is an allowed origin; absent when the per-client-address limit answers, which it does before CORS."
                    : "The request's Origin, when it is an allowed origin.",
                Schema = schema,
            });
        }
    }
}
