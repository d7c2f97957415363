using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Orchestrator.Application.Common.Interfaces;
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
using Orchestrator.Infrastructure.Persistence.Configurations;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// The model, shared by both providers. Each provider has its own derived context so that each keeps
/// its own migrations (<see cref="SqliteAppDbContext"/>, <see cref="SqlServerAppDbContext"/>).
/// </summary>
public abstract class AppDbContext : DbContext, IApplicationDbContext
{
    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
        if (options.FindExtension<FieldEncryptionOptionsExtension>() is null)
        {
            throw new InvalidOperationException("The context options need UseFieldEncryption(encryptor).");
        }
    }

    public DbSet<Resource> Resources => Set<Resource>();

    public DbSet<ResourceCount> ResourceCounts => Set<ResourceCount>();

    public DbSet<ResourceTagCount> ResourceTagCounts => Set<ResourceTagCount>();

    public DbSet<AuditHourCount> AuditHourCounts => Set<AuditHourCount>();

    public DbSet<AuditUserCount> AuditUserCounts => Set<AuditUserCount>();

    public DbSet<User> Users => Set<User>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<RevokedAccessToken> RevokedAccessTokens => Set<RevokedAccessToken>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<ConcurrencyGuard> ConcurrencyGuards => Set<ConcurrencyGuard>();

    public DbSet<ProvisioningJob> ProvisioningJobs => Set<ProvisioningJob>();

    public DbSet<GuardrailDocumentVersion> GuardrailDocumentVersions => Set<GuardrailDocumentVersion>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<MaintenanceSchedule> MaintenanceSchedules => Set<MaintenanceSchedule>();

    public DbSet<Approval> Approvals => Set<Approval>();

    public abstract IComparer<Guid> IdOrder { get; }

    public abstract bool IsUniqueConstraintViolation(DbUpdateException exception);

    public void DiscardChanges() => ChangeTracker.Clear();

    public async Task<IAsyncDisposable> HoldConnectionAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken);
        return new HeldConnection(Database);
    }

    /// <summary>
    /// Detects changes once per save: the save interceptors read the tracked entries several times, and each read would
    /// compare every tracked entity again (a round of the worker tracks hundreds). What they change themselves goes
    /// through the entry API or is added, which needs no detection.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var _ = DetectedOnce();
        ResourceConfiguration.StampNewTags(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var _ = DetectedOnce();
        ResourceConfiguration.StampNewTags(ChangeTracker);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public async Task<int> SaveChangesAsync(Func<CancellationToken, Task> beforeCommit, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null)
        {
            var count = await SaveChangesAsync(cancellationToken);
            await beforeCommit(cancellationToken);
            return count;
        }

        return await SaveInOneWriteTransactionAsync(beforeCommit, cancellationToken);
    }

    /// <summary>
    /// Saves inside a write transaction (in the writer's turn), runs <paramref name="beforeCommit"/> before the commit, and
    /// accepts the changes only once committed: a check that refuses leaves them to be saved again or dropped with the context.
    /// </summary>
    internal async Task<int> SaveInOneWriteTransactionAsync(Func<CancellationToken, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        var saved = await SaveInWriteTransactionAsync(beforeCommit, cancellationToken);
        ChangeTracker.AcceptAllChanges();
        return saved;
    }

    /// <summary>
    /// Saves without accepting the changes and runs <paramref name="beforeCommit"/> in a write transaction of its own, through
    /// the provider's execution strategy (a retried attempt saves again); a provider may commit it with other saves instead.
    /// </summary>
    protected virtual Task<int> SaveInWriteTransactionAsync(Func<CancellationToken, Task>? beforeCommit, CancellationToken cancellationToken) =>
        Database.CreateExecutionStrategy().ExecuteAsync(
            async token =>
            {
                await using var transaction = await BeginWriteTransactionAsync(token);
                var count = await SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
                if (beforeCommit is not null)
                {
                    await beforeCommit(token);
                }

                await transaction.CommitAsync(token);
                return count;
            },
            cancellationToken);

    /// <summary>
    /// Detects changes now and not again until disposed (a nested save inside finds detection already off and leaves it).
    /// </summary>
    private ChangeDetectionPause DetectedOnce()
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }

        return new ChangeDetectionPause(ChangeTracker);
    }

    public async Task<IReadOnlyCollection<object>> SaveLeavingOutConflictsAsync(
        Func<object, IEnumerable<object>> unitOf, CancellationToken cancellationToken)
    {
        // EF's own savepoint is taken after the save interceptors ran; this one also covers the audit chain head they move.
        const string savepoint = "save_round";
        var transaction = Database.CurrentTransaction ?? throw new InvalidOperationException("A round's save needs an open transaction.");
        var leftOut = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var automaticSavepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false;
        try
        {
            while (true)
            {
                await transaction.CreateSavepointAsync(savepoint, cancellationToken);
                try
                {
                    await SaveChangesAsync(cancellationToken);
                    await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
                    ForgetAppendedRows();
                    return leftOut;
                }
                catch (DbUpdateConcurrencyException conflict) when (conflict.Entries.Count > 0)
                {
                    await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
                    await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
                    var unit = conflict.Entries.SelectMany(entry => unitOf(entry.Entity).Append(entry.Entity)).ToList();
                    leftOut.UnionWith(unit);
                    Forget(unit);
                }
                catch
                {
                    await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
                    Forget(ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).Select(e => e.Entity).ToList());
                    throw;
                }
            }
        }
        finally
        {
            Database.AutoSavepointsEnabled = automaticSavepoints;
        }
    }

    /// <summary>
    /// Stops tracking the entities with what they own and the audit and outbox rows not yet saved about them (the save
    /// interceptors wrote those from the entities' changes, which are forgotten with them).
    /// </summary>
    private void Forget(IReadOnlyCollection<object> entities)
    {
        using var _ = new ChangeDetectionPause(ChangeTracker);
        var resourceIds = entities.OfType<Resource>().Select(r => r.Id).ToHashSet();
        var audits = ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.ResourceId is { } id && resourceIds.Contains(id))
            .ToList();
        var auditIds = audits.Select(e => e.Entity.Id).ToHashSet();
        var outbox = ChangeTracker.Entries<WebhookEvent>().Where(e => e.State == EntityState.Added && auditIds.Contains(e.Entity.Id));
        var owned = entities.SelectMany(entity => Entry(entity).Navigations)
            .Where(navigation => navigation.Metadata.TargetEntityType.IsOwned())
            .SelectMany(navigation => navigation.CurrentValue switch
            {
                null => [],
                System.Collections.IEnumerable items => items.Cast<object>(),
                var single => [single],
            })
            .Select(Entry);
        foreach (var entry in owned.Concat(audits).Concat(outbox).Concat(entities.Select(Entry)).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// The audit and outbox rows a save appended are never changed again; forgetting them keeps a series of saves in one
    /// context from comparing all of the earlier ones on every later save.
    /// </summary>
    private void ForgetAppendedRows()
    {
        using var _ = new ChangeDetectionPause(ChangeTracker);
        var appended = ChangeTracker.Entries<AuditEvent>().Cast<EntityEntry>()
            .Concat(ChangeTracker.Entries<WebhookEvent>())
            .Where(entry => entry.State == EntityState.Unchanged)
            .ToList();
        foreach (var entry in appended)
        {
            entry.State = EntityState.Detached;
        }
    }

    public Task<T> InOneTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        Database.CreateExecutionStrategy().ExecuteAsync(
            async token =>
            {
                await using var transaction = await BeginWriteTransactionAsync(token);
                var result = await work(token);
                await transaction.CommitAsync(token);
                return result;
            },
            cancellationToken);

    public Task<T> InOneTransactionOnceAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var attempts = 0;
        return InOneTransactionAsync(
            token => ++attempts == 1
                ? work(token)
                : throw new InvalidOperationException("A transaction whose saves accepted their changes failed and is not run again."),
            cancellationToken);
    }

    /// <summary>
    /// Begins a write transaction in this process's turn for the database, when the provider has one writer at a time
    /// (<see cref="TakeWriterTurnAsync"/>); the turn ends when the transaction is disposed.
    /// </summary>
    internal async Task<WriteTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken)
    {
        var turn = await TakeWriterTurnAsync(cancellationToken);
        try
        {
            return new WriteTransaction(await Database.BeginTransactionAsync(cancellationToken), turn);
        }
        catch
        {
            turn?.Dispose();
            throw;
        }
    }

    /// <summary>This process's turn to write, for a provider that takes one writer at a time; none by default.</summary>
    protected virtual Task<IDisposable?> TakeWriterTurnAsync(CancellationToken cancellationToken) => Task.FromResult<IDisposable?>(null);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly).UseFieldEncryption();

    /// <summary>Turns automatic change detection off until disposed, then back to what it was.</summary>
    private readonly struct ChangeDetectionPause : IDisposable
    {
        private readonly ChangeTracker _tracker;
        private readonly bool _was;

        public ChangeDetectionPause(ChangeTracker tracker)
        {
            _tracker = tracker;
            _was = tracker.AutoDetectChangesEnabled;
            tracker.AutoDetectChangesEnabled = false;
        }

        public void Dispose() => _tracker.AutoDetectChangesEnabled = _was;
    }

    /// <summary>Gives the connection back (EF closes it then, having been asked to open it).</summary>
    private sealed class HeldConnection(DatabaseFacade database) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(database.CloseConnectionAsync());
    }
}
