using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit.VerifyAuditChain;
using Orchestrator.Domain.Audit;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.Infrastructure.Auditing;

/// <summary>
/// Walks the chain in sequence order, a batch at a time (memory stays constant), recomputing every hash: an edited
/// event no longer matches its hash, a removed one leaves a gap in the sequence, an inserted one is either outside
/// the chain or beyond the head. Events written while it walks are followed up to the head read last.
/// </summary>
public sealed class AuditChainVerifier(AppDbContext db) : IAuditChainVerifier
{
    private const int BatchSize = 500;

    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken)
    {
        var walk = new ChainWalk();
        var head = await ReadHeadAsync(cancellationToken);
        while (true)
        {
            if (await WalkAsync(walk, cancellationToken) is { } broken)
            {
                return Broken(walk, broken);
            }

            if (walk.Sequence == head.LastSequence)
            {
                if (walk.Hash != head.LastHash)
                {
                    return Broken(walk, walk.LastId);
                }

                break;
            }

            if (walk.Sequence < head.LastSequence)
            {
                // Every event the head counts was committed before the walk: the last ones were removed.
                return Broken(walk, walk.LastId);
            }

            var newer = await ReadHeadAsync(cancellationToken);
            if (newer.LastSequence == head.LastSequence)
            {
                // Events beyond the head no writer of this service put there.
                return Broken(walk, await IdAtAsync(head.LastSequence + 1, cancellationToken));
            }

            head = newer;
        }

        var unlinked = await db.AuditEvents.AsNoTracking()
            .Where(e => e.ChainSequence == null)
            .OrderBy(e => e.OccurredAt)
            .Select(e => (Guid?)e.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return unlinked is null ? new AuditChainReport(true, walk.Checked, null) : Broken(walk, unlinked);
    }

    private async Task<Guid?> WalkAsync(ChainWalk walk, CancellationToken cancellationToken)
    {
        while (true)
        {
            var after = walk.Sequence;
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.ChainSequence > after)
                .OrderBy(e => e.ChainSequence)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var auditEvent in batch)
            {
                walk.Checked++;
                if (!Links(walk, auditEvent))
                {
                    return auditEvent.Id;
                }

                walk.Sequence++;
                walk.Hash = auditEvent.Hash!;
                walk.LastId = auditEvent.Id;
            }

            if (batch.Count < BatchSize)
            {
                return null;
            }
        }
    }

    private static bool Links(ChainWalk walk, AuditEvent auditEvent) =>
        auditEvent.ChainSequence == walk.Sequence + 1
        && auditEvent.PreviousHash == walk.Hash
        && auditEvent.Hash == AuditChainHash.Compute(walk.Sequence + 1, walk.Hash, auditEvent);

    private Task<AuditChainHead> ReadHeadAsync(CancellationToken cancellationToken) =>
        db.Set<AuditChainHead>().AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);

    private Task<Guid?> IdAtAsync(long sequence, CancellationToken cancellationToken) =>
        db.AuditEvents.AsNoTracking().Where(e => e.ChainSequence == sequence).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);

    private static AuditChainReport Broken(ChainWalk walk, Guid? eventId) => new(false, walk.Checked, eventId);

    private sealed class ChainWalk
    {
        public long Sequence { get; set; }

        public string Hash { get; set; } = AuditChainHash.Genesis;

        public Guid? LastId { get; set; }

        public long Checked { get; set; }
    }
}
