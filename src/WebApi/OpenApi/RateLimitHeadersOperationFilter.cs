using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// The per-client-address limit's headers, which every answer carries (draft-ietf-httpapi-ratelimit-headers,
/// as the rate-limit middleware writes them), and <c>Retry-After</c> on a 429.
/// </summary>
public sealed class RateLimitHeadersOperationFilter : IOperationFilter
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string StateHeader = "RateLimit";

    // A structured-field string (the policy's name) and two integers fit well within this.
    private const int HeaderMaxLength = 64;

    // The longest wait any 429 names is the hourly quota window; the per-address limit's is a minute.
    private const int RetryAfterMaxSeconds = 3600;

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var (code, value) in operation.Responses ?? [])
        {
            if (value is not OpenApiResponse response)
            {
                continue;
            }

            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers.TryAdd(PolicyHeader, Header(
                "The per-client-address limit: `\"per-ip\";q=<requests>;w=<window seconds>`.", @"^""[a-z0-9-]+"";q=[0-9]+;w=[0-9]+$"));
            response.Headers.TryAdd(StateHeader, Header(
                "What is left of it: `\"per-ip\";r=<requests still admitted>;t=<seconds until the full quota is back>`.",
                @"^""[a-z0-9-]+"";r=[0-9]+;t=[0-9]+$"));
            if (code == "429")
            {
                response.Headers.TryAdd(HeaderNames.RetryAfter, new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = $"{RetryAfterMaxSeconds}" },
                });
            }
        }
    }

    private static OpenApiHeader Header(string description, string pattern) => new()
    {
        Description = description,
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = HeaderMaxLength, Pattern = pattern },
    };
}
