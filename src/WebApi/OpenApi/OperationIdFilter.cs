using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// Names each operation after the request it sends (<c>CreateResourceCommand</c> -> <c>createResource</c>), so
/// generated clients get stable method names; an operation that sends none is named after its method and route.
/// </summary>
public sealed partial class OperationIdFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!string.IsNullOrEmpty(operation.OperationId))
        {
            return;
        }

        var name = OperationRequestType.Of(context.ApiDescription) is { } request
            ? RequestSuffix().Replace(request.Name, string.Empty)
            : $"{context.ApiDescription.HttpMethod} {context.ApiDescription.RelativePath}";
        var words = Word().Matches(name).Select(m => m.Value).ToList();
        operation.OperationId = string.Concat(words.Select((w, i) => i == 0 ? w.ToLowerInvariant() : char.ToUpperInvariant(w[0]) + w[1..]));
    }

    [GeneratedRegex("(Command|Query)$")]
    private static partial Regex RequestSuffix();

    [GeneratedRegex("[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")]
    private static partial Regex Word();
}
