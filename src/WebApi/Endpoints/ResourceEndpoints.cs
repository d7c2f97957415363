using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Application.Resources.DeleteResource;
using Orchestrator.Application.Resources.ForgetResource;
using Orchestrator.Application.Resources.GetResource;
using Orchestrator.Application.Resources.GetResourcePolicy;
using Orchestrator.Application.Resources.ListResources;
using Orchestrator.Application.Resources.PlanResource;
using Orchestrator.Application.Resources.ReconcileResource;
using Orchestrator.Application.Resources.ReplaceResourcePolicy;
using Orchestrator.Application.Resources.RetryResource;
using Orchestrator.Application.Resources.UpdateResource;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.Requests;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>Cloud resources: EC2 instances, S3 buckets and RDS databases (<c>/api/v1/resources</c>).</summary>
public static class ResourceEndpoints
{
    public const string Tag = "Resources";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost(string.Empty, Create).Sends<CreateResourceCommand>();
        group.MapPost("plan", Plan).Sends<PlanResourceQuery>();
        group.MapGet(string.Empty, List).Sends<ListResourcesQuery>();
        group.MapGet("{id:guid}", Get).Sends<GetResourceQuery>();
        group.MapPatch("{id:guid}", Update).Sends<UpdateResourceCommand>();
        group.MapDelete("{id:guid}", Delete).Sends<DeleteResourceCommand>();
        group.MapPost("{id:guid}/retry", Retry).Sends<RetryResourceCommand>();
        group.MapPost("{id:guid}/forget", Forget).Sends<ForgetResourceCommand>();
        group.MapPost("{id:guid}/reconcile", Reconcile).Sends<ReconcileResourceCommand>();
        group.MapGet("{id:guid}/policy", GetPolicy).Sends<GetResourcePolicyQuery>();
        group.MapPut("{id:guid}/policy", ReplacePolicy).Sends<ReplaceResourcePolicyCommand>();
    }

    /// <summary>
    /// Create a resource (permission: create). It starts as <c>pending</c> and is provisioned in the background; when it
    /// breaks a <c>requireApproval</c> guardrail rule it starts as <c>awaiting-approval</c> instead (its quota unit
    /// reserved, nothing sent to the cloud), and a <c>Link: &lt;/api/v1/approvals/{id}&gt;; rel="approval"</c> header
    /// names the approval an approver decides. <c>Location</c> is the resource either way.
    /// </summary>
    /// <param name="body">The resource to create.</param>
    /// <param name="idempotencyKey">Optional. The same key with the same body within 24 hours returns the first resource again; with another body, 422.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="requestedApproval">The approval the creation asked for, if any.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<Accepted<ResourceDto>> Create(
        JsonBody<CreateResourceBody> body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        [FromServices] ISender sender,
        [FromServices] RequestedApproval requestedApproval,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var (name, type, region, tags, spec, expiresAt, deletionProtection) = body.Value;
        var command = new CreateResourceCommand(name, type, region, tags, spec, idempotencyKey)
        {
            ExpiresAt = expiresAt,
            DeletionProtection = deletionProtection,
        };
        var resource = await sender.Send(command, cancellationToken);
        response.Headers.ETag = resource.ETag;
        if (requestedApproval.ApprovalId is { } approvalId)
        {
            response.Headers.Link = $"<{ApiEndpoints.Prefix}/approvals/{approvalId}>; rel=\"approval\"";
        }

        return TypedResults.Accepted($"/api/v1/resources/{resource.Id}", resource);
    }

    /// <summary>
    /// Plan a create (permission: create): the same body, validation (400), guardrails, quota and cloud placement as
    /// <c>POST /api/v1/resources</c>, decided without storing, reserving, creating or auditing anything. The answer
    /// is 200 whether or not the create would be allowed: <c>allowed</c> says, and the guardrails, quota and
    /// cloudChecks say why. With the Aws provider an ec2 plan makes a <c>DryRun</c> RunInstances call.
    /// </summary>
    /// <param name="body">The body a create would send.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<ResourcePlanDto> Plan(JsonBody<CreateResourceBody> body, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        var (name, type, region, tags, spec, expiresAt, deletionProtection) = body.Value;
        var query = new PlanResourceQuery(name, type, region, tags, spec)
        {
            ExpiresAt = expiresAt,
            DeletionProtection = deletionProtection,
        };
        return await sender.Send(query, cancellationToken);
    }

    // A page goes out whole with a Content-Length too, serialized in one synchronous pass (decision 0052).
    /// <summary>
    /// List the resources you may read (permission: read), newest first. Deleted ones only with <c>status=deleted</c>.
    /// Page by number (<c>page</c>, with <c>totalCount</c>), or by cursor: send the answer's <c>nextCursor</c> back as
    /// <c>cursor</c> with the same filters for the page after it (no <c>page</c>, no <c>totalCount</c>; the cost of a page
    /// does not grow with how deep it is, and resources created meanwhile neither repeat nor shift what follows).
    /// </summary>
    /// <param name="type">ec2, s3 or rds.</param>
    /// <param name="region">An AWS region code.</param>
    /// <param name="status">awaiting-approval, pending, provisioning, active, failed, rejected, deleting, deleted or forgotten.</param>
    /// <param name="tag">key:value; repeat to require several tags.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <param name="page">From 1.</param>
    /// <param name="pageSize">1 to 100, default 50.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the page before, given with the same filters; opaque. A cursor that was changed or given out for other filters or another caller is a 400.</param>
    public static async Task<SizedJsonResult<ResourcePage>> List(
        [FromQuery] string? type,
        [FromQuery] string? region,
        [FromQuery] string? status,
        [FromQuery] string[]? tag,
        [FromServices] ISender sender,
        CancellationToken cancellationToken,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = ListResourcesQuery.DefaultPageSize,
        [FromQuery] string? cursor = null) =>
        new(await sender.Send(new ListResourcesQuery(type, region, status, tag ?? [], page, pageSize, cursor), cancellationToken));

    // The hottest call: no endpoint filter, no reflection per request, and the body goes out whole with a
    // Content-Length (SizedJsonResult; decision 0013).

    /// <summary>Read one resource (permission: read). The ETag header is the version to send back in If-Match.</summary>
    /// <param name="id">The resource id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<SizedJsonResult<ResourceDto>> Get(
        Guid id,
        [FromServices] ISender sender,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var resource = await sender.Send(new GetResourceQuery(id), cancellationToken);
        response.Headers.ETag = resource.ETag;
        return new SizedJsonResult<ResourceDto>(resource);
    }

    /// <summary>
    /// Change a resource (permission: update): its whole tag set, its expiry (<c>expiresAt</c>, null clears it) and its
    /// deletion protection. Each field is optional, at least one; a field left out stays. With If-Match, a stale version gets 412.
    /// </summary>
    /// <param name="id">The resource id.</param>
    /// <param name="body">The fields to change.</param>
    /// <param name="ifMatch">Optional ETag from an earlier read.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<ResourceDto> Update(
        Guid id,
        JsonBody<UpdateResourceBody> body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromServices] ISender sender,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var fields = body.Value;
        var command = new UpdateResourceCommand(id, fields.Tags, ifMatch)
        {
            ChangesExpiry = fields.ExpiresAtSent,
            ExpiresAt = fields.ExpiresAt,
            DeletionProtection = fields.DeletionProtection,
        };
        var resource = await sender.Send(command, cancellationToken);
        response.Headers.ETag = resource.ETag;
        return resource;
    }

    /// <summary>
    /// Delete a resource (permission: delete). It moves to <c>deleting</c>, later <c>deleted</c>; repeating is harmless.
    /// While its deletion protection is on: 409 <c>deletion-protected</c> (PATCH <c>deletionProtection: false</c> first).
    /// </summary>
    /// <param name="id">The resource id.</param>
    /// <param name="ifMatch">Optional ETag from an earlier read.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<Accepted<ResourceDto>> Delete(
        Guid id,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromServices] ISender sender,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var resource = await sender.Send(new DeleteResourceCommand(id, ifMatch), cancellationToken);
        response.Headers.ETag = resource.ETag;
        return TypedResults.Accepted($"/api/v1/resources/{resource.Id}", resource);
    }

    /// <summary>
    /// Retry a failed creation (permission: update): the resource goes back to <c>pending</c> and the same idempotent
    /// cloud calls run again, so nothing is created twice. Any other state: 409.
    /// </summary>
    /// <param name="id">The resource id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<Accepted<ResourceDto>> Retry(
        Guid id,
        [FromServices] ISender sender,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var resource = await sender.Send(new RetryResourceCommand(id), cancellationToken);
        response.Headers.ETag = resource.ETag;
        return TypedResults.Accepted($"/api/v1/resources/{resource.Id}", resource);
    }

    /// <summary>
    /// Stop managing a resource without deleting it in the cloud (admins): it becomes <c>forgotten</c> and is tagged
    /// <c>orchestrator:orphaned=true</c> there. Repeating it is harmless.
    /// </summary>
    /// <param name="id">The resource id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<ResourceDto> Forget(
        Guid id,
        [FromServices] ISender sender,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var resource = await sender.Send(new ForgetResourceCommand(id), cancellationToken);
        response.Headers.ETag = resource.ETag;
        return resource;
    }

    /// <summary>
    /// Put an active resource's tags and enforced security settings back as recorded (permission: update), in the
    /// background; nothing is created or deleted. Its <c>drift</c> shows the outcome. Not active: 409.
    /// </summary>
    /// <param name="id">The resource id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<Accepted<ResourceDto>> Reconcile(
        Guid id,
        [FromServices] ISender sender,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var resource = await sender.Send(new ReconcileResourceCommand(id), cancellationToken);
        response.Headers.ETag = resource.ETag;
        return TypedResults.Accepted($"/api/v1/resources/{resource.Id}", resource);
    }

    /// <summary>Read a resource's policy (its owner with update permission, or an admin). The ETag header is the version to send back in If-Match.</summary>
    /// <param name="id">The resource id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<ResourcePolicyDto> GetPolicy(Guid id, [FromServices] ISender sender, HttpResponse response, CancellationToken cancellationToken)
    {
        var answer = await sender.Send(new GetResourcePolicyQuery(id), cancellationToken);
        response.Headers.ETag = answer.ETag;
        return answer.Policy;
    }

    /// <summary>
    /// Replace a resource's policy (its owner with update permission, or an admin). <c>statements</c> is
    /// required; [] clears the policy. Effects "Allow"/"Deny"; principals "user:&lt;id&gt;", "role:&lt;name&gt;", "*";
    /// actions "read", "update", "delete". A Deny stops everyone, admins included, except from changing the policy.
    /// </summary>
    /// <param name="id">The resource id.</param>
    /// <param name="body">The new policy.</param>
    /// <param name="ifMatch">Optional ETag from an earlier read.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<ResourcePolicyDto> ReplacePolicy(
        Guid id,
        JsonBody<ResourcePolicyBody> body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromServices] ISender sender,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var answer = await sender.Send(new ReplaceResourcePolicyCommand(id, body.Value.Statements, ifMatch), cancellationToken);
        response.Headers.ETag = answer.ETag;
        return answer.Policy;
    }
}
