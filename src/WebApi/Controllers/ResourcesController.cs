using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Application.Resources.DeleteResource;
using Orchestrator.Application.Resources.GetResourcePolicy;
using Orchestrator.Application.Resources.ListResources;
using Orchestrator.Application.Resources.ReplaceResourcePolicy;
using Orchestrator.Application.Resources.UpdateResourceTags;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.OpenApi;

namespace Orchestrator.WebApi.Controllers;

/// <summary>Cloud resources: EC2 instances, S3 buckets and RDS databases.</summary>
/// <remarks>Reading one resource is <see cref="Endpoints.ResourceReadEndpoints"/>, outside MVC.</remarks>
[ApiController]
[Route(RoutePrefix)]
[Produces("application/json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden, "application/problem+json")]
public sealed class ResourcesController(ISender sender) : ControllerBase
{
    /// <summary>Shared with <see cref="Endpoints.ResourceReadEndpoints"/>, which serves one route under it.</summary>
    public const string RoutePrefix = "api/v1/resources";

    /// <summary>The OpenAPI tag of the controller's operations (its name without "Controller").</summary>
    public const string OpenApiTag = "Resources";

    /// <summary>Create a resource (permission: create). It starts as <c>pending</c> and is provisioned in the background.</summary>
    /// <param name="body">The resource to create.</param>
    /// <param name="idempotencyKey">Optional. The same key with the same body within 24 hours returns the first resource again; with another body, 422.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [HttpPost]
    [SendsRequest(typeof(CreateResourceCommand))]
    [Consumes("application/json")]
    [ProducesResponseType(typeof(ResourceDto), StatusCodes.Status202Accepted)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> Create(
        [FromBody] CreateResourceBody body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var resource = await sender.Send(
            new CreateResourceCommand(body.Name, body.Type, body.Region, body.Tags, body.Spec, idempotencyKey),
            cancellationToken);
        Response.Headers.ETag = resource.ETag;
        return Accepted($"/api/v1/resources/{resource.Id}", resource);
    }

    /// <summary>List the resources you may read (permission: read), newest first. Deleted ones only with <c>status=deleted</c>.</summary>
    /// <param name="type">ec2, s3 or rds.</param>
    /// <param name="region">An AWS region code.</param>
    /// <param name="status">pending, provisioning, active, failed, deleting or deleted.</param>
    /// <param name="tag">key:value; repeat to require several tags.</param>
    /// <param name="page">From 1.</param>
    /// <param name="pageSize">1 to 100, default 50.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [HttpGet]
    [SendsRequest(typeof(ListResourcesQuery))]
    [ProducesResponseType(typeof(ResourcePage), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ResourcePage> List(
        [FromQuery] string? type,
        [FromQuery] string? region,
        [FromQuery] string? status,
        [FromQuery] string[]? tag,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = ListResourcesQuery.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListResourcesQuery(type, region, status, tag ?? [], page, pageSize), cancellationToken);

    /// <summary>Replace the tag set of a resource (permission: update). With If-Match, a stale version gets 412.</summary>
    /// <param name="id">The resource id.</param>
    /// <param name="body">The new tag set.</param>
    /// <param name="ifMatch">Optional ETag from an earlier read.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [HttpPatch("{id:guid}")]
    [SendsRequest(typeof(UpdateResourceTagsCommand))]
    [Consumes("application/json", "application/merge-patch+json")]
    [ProducesResponseType(typeof(ResourceDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<ResourceDto> UpdateTags(
        Guid id,
        [FromBody] UpdateResourceTagsBody body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken cancellationToken)
    {
        var resource = await sender.Send(new UpdateResourceTagsCommand(id, body.Tags, ifMatch), cancellationToken);
        Response.Headers.ETag = resource.ETag;
        return resource;
    }

    /// <summary>Delete a resource (permission: delete). It moves to <c>deleting</c>, later <c>deleted</c>; repeating is harmless.</summary>
    /// <param name="id">The resource id.</param>
    /// <param name="ifMatch">Optional ETag from an earlier read.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [HttpDelete("{id:guid}")]
    [SendsRequest(typeof(DeleteResourceCommand))]
    [ProducesResponseType(typeof(ResourceDto), StatusCodes.Status202Accepted)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<IActionResult> Delete(Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        var resource = await sender.Send(new DeleteResourceCommand(id, ifMatch), cancellationToken);
        Response.Headers.ETag = resource.ETag;
        return Accepted($"/api/v1/resources/{resource.Id}", resource);
    }

    /// <summary>Read a resource's policy (its owner with update permission, or an admin).</summary>
    /// <param name="id">The resource id.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(GetResourcePolicyQuery))]
    [HttpGet("{id:guid}/policy")]
    [ProducesResponseType(typeof(ResourcePolicyDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ResourcePolicyDto> GetPolicy(Guid id, CancellationToken cancellationToken)
    {
        var answer = await sender.Send(new GetResourcePolicyQuery(id), cancellationToken);
        Response.Headers.ETag = answer.ETag;
        return answer.Policy;
    }

    /// <summary>
    /// Replace a resource's policy (its owner with update permission, or an admin). <c>statements</c> is
    /// required; [] clears the policy. Effects "Allow"/"Deny"; principals "user:&lt;id&gt;", "role:&lt;name&gt;", "*";
    /// actions "read", "update", "delete". A Deny stops everyone, admins included, except from changing the policy.
    /// </summary>
    /// <param name="id">The resource id.</param>
    /// <param name="body">The new policy.</param>
    /// <param name="ifMatch">Optional ETag from an earlier read of the resource or its policy.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(ReplaceResourcePolicyCommand))]
    [HttpPut("{id:guid}/policy")]
    [Consumes("application/json")]
    [ProducesResponseType(typeof(ResourcePolicyDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<ResourcePolicyDto> ReplacePolicy(
        Guid id,
        [FromBody] ResourcePolicyBody body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken cancellationToken)
    {
        var answer = await sender.Send(new ReplaceResourcePolicyCommand(id, body.Statements, ifMatch), cancellationToken);
        Response.Headers.ETag = answer.ETag;
        return answer.Policy;
    }
}
