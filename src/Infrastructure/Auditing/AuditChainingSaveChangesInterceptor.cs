using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orchestrator.Domain.Audit;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.Infrastructure.Auditing;

/// <summary>
/// Links every audit event a save adds onto the hash chain in the same transaction as the save, after taking the
/// chain head, so concurrent writers (also other processes on the same database) take turns and the chain never
/// forks (docs/decisions/0034-audit-chain-and-kms.md). Registered after the interceptor that adds the audit rows.
/// </summary>
/// <remarks>
/// Without a caller's transaction, the save is run here inside one of its own
/// (<see cref="AppDbContext.SaveInOneWriteTransactionAsync"/>; a retried attempt links again), and the outer save is
/// answered with its result.
/// </remarks>
public sealed class AuditChainingSaveChangesInterceptor : SaveChangesInterceptor
{
    public static AuditChainingSaveChangesInterceptor Instance { get; } = new();

    private AuditChainingSaveChangesInterceptor()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is { } context && !result.HasResult && AddedEvents(context).Count > 0
            ? throw new InvalidOperationException("Audit events are saved with SaveChangesAsync, which links them into the audit chain.")
            : result;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || result.HasResult)
        {
            return result;
        }

        var added = AddedEvents(context);
        if (added.Count == 0)
        {
            return result;
        }

        if (context.Database.CurrentTransaction is not null)
        {
            await AuditChainLinker.LinkAsync(context, added, cancellationToken);
            return result;
        }

        var saved = await ((AppDbContext)context).SaveInOneWriteTransactionAsync(beforeCommit: null, cancellationToken);
        return InterceptionResult<int>.SuppressWithResult(saved);
    }

    private static List<AuditEvent> AddedEvents(DbContext context) =>
        context.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
}
