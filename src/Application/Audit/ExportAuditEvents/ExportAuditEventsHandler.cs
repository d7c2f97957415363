using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit.Common;
using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Application.Audit.ExportAuditEvents;

internal sealed class ExportAuditEventsHandler(IApplicationDbContext db) : IQueryHandler<ExportAuditEventsQuery, AuditExport>
{
    public ValueTask<AuditExport> Handle(ExportAuditEventsQuery query, CancellationToken cancellationToken)
    {
        // Streamed row by row from one query: nothing is buffered beyond the reader's current row.
        var events = db.AuditEvents.AsNoTracking()
            .Matching(query.UserIdFilter, query.ResourceIdFilter, query.Action, query.From, query.To)
            .OrderBy(e => e.OccurredAt)
            .ThenBy(e => e.ChainSequence)
            .Select(e => new AuditExportLine(
                e.Id, e.OccurredAt, e.UserId, e.Action, e.ResourceId, e.Outcome.ToString().ToLower(), e.ClientIp, e.CorrelationId,
                e.Details, e.ChainSequence, e.PreviousHash, e.Hash))
            .AsAsyncEnumerable();
        return ValueTask.FromResult(new AuditExport(events));
    }
}
