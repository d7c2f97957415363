using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit.Common;
using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Application.Audit.ListAuditEvents;

internal sealed class ListAuditEventsHandler(IApplicationDbContext db) : IQueryHandler<ListAuditEventsQuery, AuditEventPage>
{
    public async ValueTask<AuditEventPage> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking()
            .Matching(query.UserIdFilter, query.ResourceIdFilter, query.Action, query.From, query.To);

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
