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

namespace Orchestrator.UnitTests.Application.Fakes;

/// <summary>Satisfies the container for tests that must never reach the data; any use fails the test.</summary>
internal sealed class UnusedApplicationDbContext : IApplicationDbContext
{
    public IComparer<Guid> IdOrder => throw Touched();

    public DbSet<Resource> Resources => throw Touched();

    public DbSet<ResourceCount> ResourceCounts => throw Touched();

    public DbSet<ResourceTagCount> ResourceTagCounts => throw Touched();

    public DbSet<AuditHourCount> AuditHourCounts => throw Touched();

    public DbSet<AuditUserCount> AuditUserCounts => throw Touched();

    public DbSet<User> Users => throw Touched();

    public DbSet<IdempotencyRecord> IdempotencyRecords => throw Touched();

    public DbSet<AuditEvent> AuditEvents => throw Touched();

    public DbSet<RefreshToken> RefreshTokens => throw Touched();

    public DbSet<RevokedAccessToken> RevokedAccessTokens => throw Touched();

    public DbSet<RecoveryCode> RecoveryCodes => throw Touched();

    public DbSet<ConcurrencyGuard> ConcurrencyGuards => throw Touched();

    public DbSet<ProvisioningJob> ProvisioningJobs => throw Touched();

    public DbSet<GuardrailDocumentVersion> GuardrailDocumentVersions => throw Touched();

    public DbSet<WebhookSubscription> WebhookSubscriptions => throw Touched();

    public DbSet<WebhookEvent> WebhookEvents => throw Touched();

    public DbSet<WebhookDelivery> WebhookDeliveries => throw Touched();
    public DbSet<MaintenanceSchedule> MaintenanceSchedules => throw Touched();

    public DbSet<Approval> Approvals => throw Touched();

    public Task<int> SaveChangesAsync(CancellationToken cancellationToken) => throw Touched();

    public Task<int> SaveChangesAsync(Func<CancellationToken, Task> beforeCommit, CancellationToken cancellationToken) => throw Touched();

    public bool IsUniqueConstraintViolation(DbUpdateException exception) => throw Touched();

    public void DiscardChanges() => throw Touched();

    public Task<IAsyncDisposable> HoldConnectionAsync(CancellationToken cancellationToken) => throw Touched();

    public Task<IReadOnlyCollection<object>> SaveLeavingOutConflictsAsync(Func<object, IEnumerable<object>> unitOf, CancellationToken cancellationToken) =>
        throw Touched();

    public Task<T> InOneTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) => throw Touched();

    public Task<T> InOneTransactionOnceAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) => throw Touched();

    private static NotSupportedException Touched() => new("This test expected the request to stop before any data was touched.");
}
