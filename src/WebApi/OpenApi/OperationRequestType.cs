using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Orchestrator.WebApi.Endpoints;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>The mediator request an operation sends, read from its endpoint's row of the endpoint table.</summary>
public static class OperationRequestType
{
    public static Type? Of(ApiDescription description) =>
        description.ActionDescriptor.EndpointMetadata.OfType<SendsRequestMetadata>().FirstOrDefault()?.RequestType;
}
