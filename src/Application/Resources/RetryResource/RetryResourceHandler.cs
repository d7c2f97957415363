using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.RetryResource;

/// <summary>
/// A retry repeats the creation's idempotent cloud calls (the same client token and names), so the cloud ends with one
/// resource. Quota: an s3 bucket counts again once it is live, so the owner's live-bucket quota is checked; ec2 and rds
/// count creation requests per hour, and a retry is not a new one (docs/decisions/0028-expiry-protection-and-recovery.md).
/// </summary>
internal sealed class RetryResourceHandler(
    IApplicationDbContext db,
    ResourceContext resourceContext,
    IQuotaGate quotaGate,
    TimeProvider clock,
    TypeAdapterConfig mapping) : ICommandHandler<RetryResourceCommand, ResourceDto>
{
    public async ValueTask<ResourceDto> Handle(RetryResourceCommand command, CancellationToken cancellationToken)
    {
        var resource = resourceContext.Resource;
        if (resource.Status != ResourceStatus.Failed)
        {
            throw new ConflictException($"The resource is {ResourceWireNames.Of(resource.Status)}; only a failed creation can be retried.");
        }

        // A resource also fails when its deletion does: that one is deleted again, not re-created.
        var lastJob = await db.ProvisioningJobs.AsNoTracking()
            .Where(j => j.ResourceId == resource.Id)
            .OrderByDescending(j => j.Id)
            .Select(j => (ProvisioningJobKind?)j.Kind)
            .FirstOrDefaultAsync(cancellationToken);
        if (lastJob != ProvisioningJobKind.Create)
        {
            throw new ConflictException("The resource failed while it was being deleted, not created; send DELETE again instead.");
        }

        var reservation = resource.Type == ResourceType.S3
            ? await quotaGate.ReserveAsync(resource.OwnerId, ResourceType.S3, cancellationToken)
            : null;
        try
        {
            var now = clock.GetUtcNow();
            resource.Retry(now);
            db.ProvisioningJobs.Add(ProvisioningJob.Create(resource.Id, ProvisioningJobKind.Create, now));
            await db.SaveChangesAsync(token => reservation?.ConfirmAsync(token).AsTask() ?? Task.CompletedTask, cancellationToken);
        }
        catch
        {
            if (reservation is not null)
            {
                await reservation.ReleaseAsync();
            }

            throw;
        }

        if (reservation is not null)
        {
            await reservation.CompleteAsync();
        }

        return resource.Adapt<ResourceDto>(mapping);
    }
}
