using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>The mediator request an operation sends, read from its endpoint metadata (any endpoint style).</summary>
public static class OperationRequestType
{
    public static Type? Of(ApiDescription description) =>
        description.ActionDescriptor.EndpointMetadata.OfType<SendsRequestAttribute>().FirstOrDefault()?.RequestType;
}
