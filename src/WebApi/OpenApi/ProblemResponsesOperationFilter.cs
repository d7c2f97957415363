using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// The error answers any operation can give, whatever its action declares: the per-IP rate limit (429),
/// a body over the limit (413), a wrong media type (415) and the 500 that carries only a trace id.
/// </summary>
public sealed class ProblemResponsesOperationFilter : IOperationFilter
{
    private const string ProblemMediaType = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        if (context.ApiDescription.ParameterDescriptions.Any(p => p.Source.Id is "Body" or "Form") || operation.RequestBody is not null)
        {
            operation.Responses.TryAdd("413", Problem("The body is over 64 KiB (announced or chunked).", context));
            operation.Responses.TryAdd("415", Problem("The body is not of a media type this operation takes.", context));
        }

        operation.Responses.TryAdd("429", Problem("Too many requests from this client address; see `Retry-After`.", context));
        operation.Responses.TryAdd("500", Problem("Unexpected failure; the problem carries only a `traceId` to quote.", context));

        // [Produces("application/json")] on a controller labels its problem documents as plain JSON too.
        // Each plain problem also gets an example of its own status.
        foreach (var (code, response) in operation.Responses.Select(r => (r.Key, r.Value as OpenApiResponse)))
        {
            if (response?.Content is not { } content)
            {
                continue;
            }

            if (content.TryGetValue("application/json", out var json) && IsProblem(json) && !content.ContainsKey(ProblemMediaType))
            {
                content.Remove("application/json");
                content[ProblemMediaType] = json;
            }

            if (content.TryGetValue(ProblemMediaType, out var problem) && problem is OpenApiMediaType media && media.Example is null
                && IsProblem(problem, excluded: nameof(ValidationProblemDetails)) && int.TryParse(code, out var status))
            {
                media.Example = ProblemExamples.For(status, response.Description ?? string.Empty);
            }
        }
    }

    private static bool IsProblem(IOpenApiMediaType media, string? excluded = null) =>
        media.Schema is OpenApiSchemaReference { Reference.Id: nameof(ProblemDetails) or nameof(ValidationProblemDetails) } reference
        && reference.Reference.Id != excluded;

    public static OpenApiResponse Problem(string description, OperationFilterContext context)
    {
        var schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        return new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { [ProblemMediaType] = new OpenApiMediaType { Schema = schema } },
        };
    }
}
