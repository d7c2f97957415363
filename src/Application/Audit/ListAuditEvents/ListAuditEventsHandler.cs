using System.Globalization;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit.Common;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Audit;

namespace Orchestrator.Application.Audit.ListAuditEvents;

/// <summary>
/// A page number: the count and the page. A cursor: the page after the cursor's position plus one row to tell
/// whether another page follows, nothing counted (the log only grows; docs/decisions/0035-keyset-pagination-and-covering-indexes.md).
/// </summary>
internal sealed class ListAuditEventsHandler(IApplicationDbContext db, ICurrentUser currentUser, PageCursors cursors)
    : IQueryHandler<ListAuditEventsQuery, AuditEventPage>
{
    public async ValueTask<AuditEventPage> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken)
    {
        // The count and the page: the connection is taken once, not per statement (docs/decisions/0052-one-connection-per-list.md).
        await using var held = await db.HoldConnectionAsync(cancellationToken);
        var scope = CursorScope(query, currentUser.UserId);
        var events = db.AuditEvents.AsNoTracking()
            .Matching(query.UserIdFilter, query.ResourceIdFilter, query.Action, query.From, query.To);

        if (query.Cursor is { } cursor)
        {
            var position = cursors.Read(cursor, scope);
            var rows = await Page(After(events, position), 1, query.PageSize + 1).ToListAsync(cancellationToken);
            var more = rows.Count > query.PageSize;
            if (more)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            return new AuditEventPage(rows, null, query.PageSize, null, more ? Next(rows, scope) : null);
        }

        var total = await AuditEventCount.CountAsync(db, query, events, cancellationToken);
        var page = await Page(events, query.Page, query.PageSize).ToListAsync(cancellationToken);
        var followed = page.Count > 0 && (long)query.Page * query.PageSize < total;
        return new AuditEventPage(page, query.Page, query.PageSize, total, followed ? Next(page, scope) : null);
    }

    /// <summary>The events after <paramref name="position"/>, newest first: a range in the (OccurredAt, Id) order the indexes keep.</summary>
    internal static IQueryable<AuditEvent> After(IQueryable<AuditEvent> events, PagePosition position)
    {
        var at = position.At;
        var id = position.Id;
        return events.Where(e => e.OccurredAt <= at && (e.OccurredAt < at || e.Id.CompareTo(id) < 0));
    }

    internal static IQueryable<AuditEventDto> Page(IQueryable<AuditEvent> events, int page, int pageSize) =>
        events
            .OrderByDescending(e => e.OccurredAt)
            .ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(e => new AuditEventDto(
                e.Id, e.OccurredAt, e.UserId, e.Action, e.ResourceId, e.Outcome.ToString().ToLower(), e.ClientIp, e.CorrelationId, e.Details));

    private static string CursorScope(ListAuditEventsQuery query, Guid callerId) =>
        JsonSerializer.Serialize<string?[]>(
        [
            "audit", callerId.ToString(), query.UserIdFilter?.ToString(), query.ResourceIdFilter?.ToString(), query.Action,
            query.From?.UtcTicks.ToString(CultureInfo.InvariantCulture), query.To?.UtcTicks.ToString(CultureInfo.InvariantCulture),
        ]);

    private string Next(List<AuditEventDto> rows, string scope) => cursors.Write(scope, new PagePosition(rows[^1].OccurredAt, rows[^1].Id));
}
