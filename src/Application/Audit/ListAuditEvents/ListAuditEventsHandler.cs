using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Application.Audit.ListAuditEvents;

internal sealed class ListAuditEventsHandler(IApplicationDbContext db) : IQueryHandler<ListAuditEventsQuery, AuditEventPage>
{
    public async ValueTask<AuditEventPage> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (query.UserIdFilter is { } userId)
        {
            events = events.Where(e => e.UserId == userId);
        }

        if (query.ResourceIdFilter is { } resourceId)
        {
            events = events.Where(e => e.ResourceId == resourceId);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            events = events.Where(e => e.Action == query.Action);
        }

        if (query.From is { } from)
        {
            events = events.Where(e => e.OccurredAt >= from);
        }

        if (query.To is { } to)
        {
            events = events.Where(e => e.OccurredAt <= to);
        }

        var total = await events.CountAsync(cancellationToken);
        var page = await events
            .OrderByDescending(e => e.OccurredAt)
            .ThenByDescending(e => e.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(e => new AuditEventDto(
                e.Id, e.OccurredAt, e.UserId, e.Action, e.ResourceId, e.Outcome.ToString().ToLower(), e.ClientIp, e.CorrelationId, e.Details))
            .ToListAsync(cancellationToken);
        return new AuditEventPage(page, query.Page, query.PageSize, total);
    }
}
