using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Approvals;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Guardrails;
using Orchestrator.Domain.Idempotency;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;
using Orchestrator.Domain.Retention;
using Orchestrator.Domain.Users;
using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Application.Common.Interfaces;

/// <summary>The unit of work the handlers use; the provider (SQLite, SQL Server) is chosen in Infrastructure.</summary>
public interface IApplicationDbContext
{
    DbSet<Resource> Resources { get; }

    /// <summary>Resources per type and status, kept by the database as rows of <see cref="Resources"/> change; read only.</summary>
    DbSet<ResourceCount> ResourceCounts { get; }

    /// <summary>Resources per tag, type and status, kept by the database as tags and resources change; only the purge deletes its emptied rows.</summary>
    DbSet<ResourceTagCount> ResourceTagCounts { get; }

    /// <summary>Audit events per hour (UTC), kept by the database as events are written and purged; read only.</summary>
    DbSet<AuditHourCount> AuditHourCounts { get; }

    /// <summary>Audit events per user, kept by the database as events are written and purged; read only.</summary>
    DbSet<AuditUserCount> AuditUserCounts { get; }

    DbSet<User> Users { get; }

    DbSet<IdempotencyRecord> IdempotencyRecords { get; }

    DbSet<RefreshToken> RefreshTokens { get; }

    DbSet<RevokedAccessToken> RevokedAccessTokens { get; }

    /// <summary>Hashes of unused MFA recovery codes; a used code's row is deleted.</summary>
    DbSet<RecoveryCode> RecoveryCodes { get; }

    /// <summary>Rows that changes of one multi-row invariant rewrite (the enabled-admin rule).</summary>
    DbSet<ConcurrencyGuard> ConcurrencyGuards { get; }

    /// <summary>Cloud work, written in the same transaction as the resource change that asks for it.</summary>
    DbSet<ProvisioningJob> ProvisioningJobs { get; }

    /// <summary>Every version of the guardrail document; rows are only ever added.</summary>
    DbSet<GuardrailDocumentVersion> GuardrailDocumentVersions { get; }

    /// <summary>Append-only: the context refuses to update or delete audit rows.</summary>
    DbSet<AuditEvent> AuditEvents { get; }

    DbSet<WebhookSubscription> WebhookSubscriptions { get; }

    /// <summary>The event outbox: a row per event, written with the change that caused it.</summary>
    DbSet<WebhookEvent> WebhookEvents { get; }

    /// <summary>Delivery attempts, pending or made.</summary>
    DbSet<WebhookDelivery> WebhookDeliveries { get; }
    /// <summary>Scheduled maintenance (the retention purge) and its lease.</summary>
    DbSet<MaintenanceSchedule> MaintenanceSchedules { get; }

    /// <summary>Creations waiting for (or past) an approver's decision; one per resource.</summary>
    DbSet<Approval> Approvals { get; }

    /// <summary>
    /// How the database orders ids (<c>ORDER BY Id</c>): the tie-break of the lists' newest-first order, for a page merged
    /// from two statements in the order either would have read it in.
    /// </summary>
    IComparer<Guid> IdOrder { get; }

    /// <summary>
    /// Holds the context's connection open until the result is disposed, for a handler that runs several queries in a row:
    /// otherwise each query takes a connection from the driver's pool and gives it back, which costs about as much as a
    /// short statement (docs/decisions/0052-one-connection-per-list.md).
    /// </summary>
    Task<IAsyncDisposable> HoldConnectionAsync(CancellationToken cancellationToken);

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Saves in one transaction and runs <paramref name="beforeCommit"/> inside it, after the writes and before the commit, so
    /// it reads what the save wrote with every other writer held off; what it throws rolls the whole save back (a count that
    /// must not pass a limit once the new row is in). Inside a caller's transaction it runs after the save, in that transaction.
    /// The provider's execution strategy may run the save and the check again.
    /// </summary>
    Task<int> SaveChangesAsync(Func<CancellationToken, Task> beforeCommit, CancellationToken cancellationToken);

    /// <summary>Forgets every tracked entity and unsaved change, so that a retried change loads fresh data.</summary>
    void DiscardChanges();

    /// <summary>
    /// Saves every pending change at once inside the open transaction, under a savepoint covering everything the save
    /// writes (the audit chain's head too). When a concurrency check refuses a row, the save is rolled back to the
    /// savepoint, the refused entity's unit (<paramref name="unitOf"/>: the entities that stand or fall with it) is
    /// forgotten with what it owns and the audit and outbox rows written about it, and the rest is saved again.
    /// Returns the entities left out. Any other failure is rolled back to the savepoint, every unsaved change is
    /// forgotten, and the exception is rethrown.
    /// </summary>
    Task<IReadOnlyCollection<object>> SaveLeavingOutConflictsAsync(Func<object, IEnumerable<object>> unitOf, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed once: its saves each get a savepoint, so one failed save
    /// rolls back only itself. The provider's execution strategy may run <paramref name="work"/> again from the start.
    /// </summary>
    Task<T> InOneTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="InOneTransactionAsync{T}"/>, but never run again: for work whose saves accept their changes as they go
    /// (<see cref="SaveLeavingOutConflictsAsync"/>), which cannot be replayed. A failure reaches the caller, which leaves
    /// what it held to be worked again from what is stored.
    /// </summary>
    Task<T> InOneTransactionOnceAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>True when the exception is a unique-index violation (two writers raced for the same key).</summary>
    bool IsUniqueConstraintViolation(DbUpdateException exception);
}
