using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Audit.ListAuditEvents;
using Orchestrator.WebApi.OpenApi;

namespace Orchestrator.WebApi.Controllers;

/// <summary>The append-only audit log (admins only).</summary>
[ApiController]
[Route("api/v1/audit")]
[Produces("application/json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden, "application/problem+json")]
public sealed class AuditController(ISender sender) : ControllerBase
{
    /// <summary>Audit events, newest first: every change to a resource or a policy and every denied request.</summary>
    /// <param name="userId">Only events of this user.</param>
    /// <param name="resourceId">Only events about this resource.</param>
    /// <param name="action">Only this action, such as resource.created or access.denied.</param>
    /// <param name="from">Only events at or after this time (ISO-8601).</param>
    /// <param name="to">Only events at or before this time (ISO-8601).</param>
    /// <param name="page">From 1.</param>
    /// <param name="pageSize">1 to 200, default 50.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(ListAuditEventsQuery))]
    [HttpGet]
    [ProducesResponseType(typeof(AuditEventPage), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<AuditEventPage> List(
        [FromQuery] Guid? userId,
        [FromQuery] Guid? resourceId,
        [FromQuery] string? action,
        [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = ListAuditEventsQuery.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListAuditEventsQuery(userId, resourceId, action, from, to, page, pageSize), cancellationToken);
}
