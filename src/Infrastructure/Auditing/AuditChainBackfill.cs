using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Orchestrator.Domain.Audit;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.Infrastructure.Auditing;

/// <summary>
/// At start-up, links the events written before the chain existed, oldest first, in short transactions that each
/// hold the chain head (so instances starting together, or already writing, take turns).
/// </summary>
public static class AuditChainBackfill
{
    private const int BatchSize = 500;

    public static async Task RunAsync(AppDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        long linked = 0;
        while (true)
        {
            var count = await db.Database.CreateExecutionStrategy().ExecuteAsync(
                token => LinkBatchAsync(db, token), cancellationToken);
            linked += count;
            if (count < BatchSize)
            {
                break;
            }
        }

        if (linked > 0)
        {
            logger.LogInformation("Linked {Count} audit events written before the audit chain into it", linked);
        }
    }

    private static async Task<int> LinkBatchAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(AuditChainSql.LockHead, cancellationToken);
        List<AuditEvent> events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.ChainSequence == null)
            .OrderBy(e => e.OccurredAt)
            .ThenBy(e => e.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        await AuditChainLinker.LinkAsync(db, events, cancellationToken);
        foreach (var auditEvent in events)
        {
            await db.AuditEvents.Where(e => e.Id == auditEvent.Id).ExecuteUpdateAsync(
                set => set
                    .SetProperty(e => e.ChainSequence, auditEvent.ChainSequence)
                    .SetProperty(e => e.PreviousHash, auditEvent.PreviousHash)
                    .SetProperty(e => e.Hash, auditEvent.Hash),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }
}
