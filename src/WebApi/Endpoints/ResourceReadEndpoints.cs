using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.GetResource;
using Orchestrator.WebApi.Controllers;
using Orchestrator.WebApi.OpenApi;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>
/// <c>GET /api/v1/resources/{id}</c>, the hottest call, as a route handler rather than an action of
/// <see cref="ResourcesController"/>: it goes through the same middleware, authentication,
/// mediator and behaviors, but skips MVC's action invoker, filters, model binding and output formatter
/// selection, about 15 % of the request's CPU (decision 0013). Its body goes out whole, with a Content-Length
/// (<see cref="SizedJsonResult{T}"/>). Its OpenAPI description comes from the same attributes and XML comments
/// as the controller's actions, under the same tag.
/// </summary>
public static class ResourceReadEndpoints
{
    public static IEndpointRouteBuilder MapResourceReads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet($"{ResourcesController.RoutePrefix}/{{id:guid}}", GetResource).WithTags(ResourcesController.OpenApiTag);
        return endpoints;
    }

    /// <summary>Read one resource (permission: read). The ETag header is the version to send back in If-Match.</summary>
    /// <param name="id">The resource id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(GetResourceQuery))]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType(typeof(ResourceDto), StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<SizedJsonResult<ResourceDto>> GetResource(
        Guid id,
        [FromServices] ISender sender,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var resource = await sender.Send(new GetResourceQuery(id), cancellationToken);
        response.Headers.ETag = resource.ETag;
        return new SizedJsonResult<ResourceDto>(resource);
    }
}
