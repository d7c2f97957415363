using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Benchmarks.Pipeline;

/// <summary>The ports the behaviors use, answered from memory: an operator, a quota that always grants, an audit log and key rotation that do nothing.</summary>
public sealed class PipelineFakes : ICurrentUser, IAuditLog, IQuotaGate, IQuotaReservation, IKeyRotation
{
    public bool IsAuthenticated => true;

    public Guid UserId { get; } = Guid.CreateVersion7();

    public Role Role { get; init; } = Role.Admin;

    public Task RecordAsync(string action, AuditOutcome outcome, Guid? resourceId, string details, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public ValueTask<IQuotaReservation> ReserveAsync(Guid userId, ResourceType type, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IQuotaReservation>(this);

    public ValueTask<QuotaUsage> UsageAsync(Guid userId, ResourceType type, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new QuotaUsage(type, "bench", int.MaxValue, 0, TimeSpan.FromHours(1)));

    public ValueTask CompleteAsync() => ValueTask.CompletedTask;

    public ValueTask ReleaseAsync() => ValueTask.CompletedTask;

    public Task<string> RotateSigningKeyAsync(CancellationToken cancellationToken) => Task.FromResult("bench-key");

    public Task<string> RotateDataKeyAsync(CancellationToken cancellationToken) => Task.FromResult("bench-key");
}
