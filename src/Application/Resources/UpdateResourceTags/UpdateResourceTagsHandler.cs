using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Provisioning;

namespace Orchestrator.Application.Resources.UpdateResourceTags;

internal sealed class UpdateResourceTagsHandler(
    IApplicationDbContext db,
    ResourceContext resourceContext,
    TimeProvider clock,
    TypeAdapterConfig mapping) : ICommandHandler<UpdateResourceTagsCommand, ResourceDto>
{
    public async ValueTask<ResourceDto> Handle(UpdateResourceTagsCommand command, CancellationToken cancellationToken)
    {
        var resource = resourceContext.Resource;
        ResourceETag.ThrowIfStale(command.IfMatch, resource.Version);

        try
        {
            var now = clock.GetUtcNow();
            resource.ReplaceTags(command.Tags!, now);
            db.ProvisioningJobs.Add(ProvisioningJob.Create(resource.Id, ProvisioningJobKind.UpdateTags, now));
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
