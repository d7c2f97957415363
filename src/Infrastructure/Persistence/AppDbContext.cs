using Microsoft.EntityFrameworkCore;
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

    public abstract bool IsUniqueConstraintViolation(DbUpdateException exception);

    public void DiscardChanges() => ChangeTracker.Clear();

    public async Task<int> SaveChangesAloneAsync(CancellationToken cancellationToken)
    {
        // EF's own savepoint is taken after the save interceptors ran; this one also covers the audit chain head they move.
        const string savepoint = "save_alone";
        var transaction = Database.CurrentTransaction ?? throw new InvalidOperationException("A save alone needs an open transaction.");
        await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        try
        {
            var saved = await SaveChangesAsync(cancellationToken);
            await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
            return saved;
        }
        catch
        {
            await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
            foreach (var entry in ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
            {
                entry.State = EntityState.Detached;
            }

            throw;
        }
    }

    public Task<T> InOneTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        Database.CreateExecutionStrategy().ExecuteAsync(
            async token =>
            {
                await using var transaction = await Database.BeginTransactionAsync(token);
                var result = await work(token);
                await transaction.CommitAsync(token);
                return result;
            },
            cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly).UseFieldEncryption();
}
