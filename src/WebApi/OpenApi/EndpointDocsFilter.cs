using Microsoft.OpenApi;
using Orchestrator.WebApi.Requests;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// What the XML comments of the endpoint table say beyond Swashbuckle's own reading: the description of a
/// <see cref="JsonBody{T}"/> parameter goes on the request body, and each area's class summary on its tag.
/// </summary>
public sealed class EndpointDocsFilter : IOperationFilter, IDocumentFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var body = context.MethodInfo.GetParameters()
            .FirstOrDefault(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(JsonBody<>));
        if (body is not null && operation.RequestBody is OpenApiRequestBody requestBody)
        {
            requestBody.Description ??= EndpointXmlDocs.Parameter(context.MethodInfo, body.Name!);
        }
    }

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        // An area is a static class of the endpoint table with a Tag constant; its summary describes the tag.
        var areas = typeof(EndpointDocsFilter).Assembly.GetTypes()
            .Select(type => (Type: type, Tag: type.GetField("Tag")?.GetRawConstantValue() as string))
            .Where(area => area.Tag is not null && area.Type.Namespace == typeof(Endpoints.ApiEndpoints).Namespace)
            .ToDictionary(area => area.Tag!, area => EndpointXmlDocs.Summary(area.Type));
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is not null && areas.TryGetValue(tag.Name, out var description))
            {
                tag.Description ??= description;
            }
        }
    }
}
