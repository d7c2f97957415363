using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Guardrails;
using Orchestrator.Application.Lifecycle;
using Orchestrator.Application.Provisioning;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Approvals;
using Orchestrator.Domain.Idempotency;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.CreateResource;

/// <summary>
/// Stores the new resource, its create job (and its Idempotency-Key, if any) in one transaction; retries were answered
/// earlier by <see cref="CreateResourceReplayer"/>. A creation that broke <c>requireApproval</c> rules is stored
/// <c>awaiting-approval</c> with its approval instead of a job, its quota unit kept (docs/decisions/0030-approvals.md).
/// </summary>
internal sealed class CreateResourceHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    TimeProvider clock,
    IOptions<CloudCatalogOptions> catalog,
    ICloudPlacement placement,
    IOptions<LifecycleOptions> lifecycle,
    GuardrailContext guardrails,
    ReservedQuota reservedQuota,
    RequestedApproval requestedApproval,
    TypeAdapterConfig mapping) : ICommandHandler<CreateResourceCommand, ResourceDto>
{
    public async ValueTask<ResourceDto> Handle(CreateResourceCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var type = ResourceWireNames.ParseType(command.Type!);
        if (placement.RefusalFor(type, command.Region!) is { } refusal)
        {
            throw new PlacementMissingException(refusal);
        }

        var spec = ResourceSpecDefaults.Complete(type, command.Spec, catalog.Value);
        var resource = Resource.Create(
            Guid.CreateVersion7(now), command.Name!, type, command.Region!, command.Tags ?? new Dictionary<string, string>(), spec, currentUser.UserId, now,
            command.ExpiresAt, command.DeletionProtection, lifecycle.Value.ExpiryWarning);
        db.Resources.Add(resource);
        var approvalRules = guardrails.ApprovalRules;
        Approval? approval = null;
        if (approvalRules.Count > 0)
        {
            resource.HoldForApproval();
            approval = Approval.Request(Guid.CreateVersion7(now), resource.Id, currentUser.UserId, approvalRules, now, reservedQuota.Receipt);
            db.Approvals.Add(approval);
        }
        else
        {
            db.ProvisioningJobs.Add(ProvisioningJob.Create(resource.Id, ProvisioningJobKind.Create, now));
        }

        if (command.IdempotencyKey is { } key)
        {
            await RememberKeyAsync(key, CreateResourceFingerprint.Of(command), resource.Id, now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(reservedQuota.ConfirmAsync, cancellationToken);
        }
        catch (DbUpdateException exception) when (command.IdempotencyKey is not null && db.IsUniqueConstraintViolation(exception))
        {
            // A concurrent request with the same key won the insert; the client's retry will be replayed.
            throw new ConflictException("Another request with this Idempotency-Key is being processed; retry it.");
        }

        requestedApproval.ApprovalId = approval?.Id;
        return resource.Adapt<ResourceDto>(mapping);
    }

    private async Task RememberKeyAsync(string key, string fingerprint, Guid resourceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // An expired record (older than the retention) is reused for the new request.
        var expired = await db.IdempotencyRecords
            .FirstOrDefaultAsync(r => r.OwnerId == currentUser.UserId && r.Key == key, cancellationToken);
        if (expired is null)
        {
            db.IdempotencyRecords.Add(IdempotencyRecord.Create(currentUser.UserId, key, fingerprint, resourceId, now));
        }
        else
        {
            expired.Reuse(fingerprint, resourceId, now);
        }
    }
}
