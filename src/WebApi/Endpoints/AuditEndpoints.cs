using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Audit.ExportAuditEvents;
using Orchestrator.Application.Audit.ListAuditEvents;
using Orchestrator.Application.Audit.VerifyAuditChain;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>The append-only audit log, admins only (<c>/api/v1/audit</c>).</summary>
public static class AuditEndpoints
{
    public const string Tag = "Audit";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet(string.Empty, List).Sends<ListAuditEventsQuery>();
        group.MapGet("export", Export).Sends<ExportAuditEventsQuery>();
        group.MapGet("verify", Verify).Sends<VerifyAuditChainQuery>();
    }

    /// <summary>
    /// Audit events, newest first: every change to a resource or a policy and every denied request. Page by number
    /// (<c>page</c>, with <c>totalCount</c>, which counts every matching event), or by cursor: send the answer's
    /// <c>nextCursor</c> back as <c>cursor</c> with the same filters for the page after it (no <c>page</c>, no
    /// <c>totalCount</c>; the cost of a page does not grow with the log).
    /// </summary>
    /// <param name="userId">Only events of this user.</param>
    /// <param name="resourceId">Only events about this resource.</param>
    /// <param name="action">Only this action, such as resource.created or access.denied.</param>
    /// <param name="from">Only events at or after this time (ISO-8601).</param>
    /// <param name="to">Only events at or before this time (ISO-8601).</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <param name="page">From 1.</param>
    /// <param name="pageSize">1 to 200, default 50.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the page before, given with the same filters; opaque. A cursor that was changed or given out for other filters or another caller is a 400.</param>
    public static async Task<SizedJsonResult<AuditEventPage>> List(
        [FromQuery] Guid? userId,
        [FromQuery] Guid? resourceId,
        [FromQuery] string? action,
        [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to,
        [FromServices] ISender sender,
        CancellationToken cancellationToken,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = ListAuditEventsQuery.DefaultPageSize,
        [FromQuery] string? cursor = null) =>
        new(await sender.Send(new ListAuditEventsQuery(userId, resourceId, action, from, to, page, pageSize, cursor), cancellationToken));

    /// <summary>Audit events matching the same filters as the list, oldest first, as NDJSON (one event per line) with their hash-chain fields, for a SIEM.</summary>
    /// <param name="userId">Only events of this user.</param>
    /// <param name="resourceId">Only events about this resource.</param>
    /// <param name="action">Only this action, such as resource.created or access.denied.</param>
    /// <param name="from">Only events at or after this time (ISO-8601).</param>
    /// <param name="to">Only events at or before this time (ISO-8601).</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<NdjsonResult<AuditExportLine>> Export(
        [FromQuery] Guid? userId,
        [FromQuery] Guid? resourceId,
        [FromQuery] string? action,
        [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to,
        [FromServices] ISender sender,
        CancellationToken cancellationToken)
    {
        var export = await sender.Send(new ExportAuditEventsQuery(userId, resourceId, action, from, to), cancellationToken);
        return new NdjsonResult<AuditExportLine>(export.Events);
    }

    /// <summary>Recomputes the audit hash chain over every event: whether it is intact, how many events were checked, and the first that does not link.</summary>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<AuditChainReport> Verify([FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new VerifyAuditChainQuery(), cancellationToken);
}
