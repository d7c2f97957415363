using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Lifecycle;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.UpdateResource;

internal sealed class UpdateResourceHandler(
    IApplicationDbContext db,
    ResourceContext resourceContext,
    TimeProvider clock,
    IOptions<LifecycleOptions> lifecycle,
    TypeAdapterConfig mapping) : ICommandHandler<UpdateResourceCommand, ResourceDto>
{
    public async ValueTask<ResourceDto> Handle(UpdateResourceCommand command, CancellationToken cancellationToken)
    {
        var resource = resourceContext.Resource;
        ResourceETag.ThrowIfStale(command.IfMatch, resource.Version);

        try
        {
            var now = clock.GetUtcNow();
            if (command.Tags is { } tags)
            {
                resource.ReplaceTags(tags, now);
                db.ProvisioningJobs.Add(ProvisioningJob.Create(resource.Id, ProvisioningJobKind.UpdateTags, now));
            }

            if (command.ChangesExpiry)
            {
                resource.ChangeExpiry(command.ExpiresAt, lifecycle.Value.ExpiryWarning, now);
            }

            // Only rds has a deletion protection of its own in the cloud; for the others the service's refusal is the protection.
            if (command.DeletionProtection is { } on && resource.ChangeDeletionProtection(on, now) && resource.Type == ResourceType.Rds)
            {
                db.ProvisioningJobs.Add(ProvisioningJob.Create(resource.Id, ProvisioningJobKind.ApplyDeletionProtection, now));
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException exception)
        {
            throw new ConflictException(exception.Message);
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException && db.IsUniqueConstraintViolation(exception))
        {
            // A concurrent writer inserted the same tag row first, its commit landing before our version check ran:
            // the same lost race, answered by OptimisticConcurrencyBehavior like the version check's.
            throw new DbUpdateConcurrencyException("A concurrent change inserted the same tag.", exception);
        }

        return resource.Adapt<ResourceDto>(mapping);
    }
}
