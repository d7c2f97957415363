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
        catch (DbUpdateConcurrencyException)
        {
            // Someone else saved between our read and our write: the version check in the UPDATE caught it.
            throw new PreconditionFailedException("The resource was changed by another request; GET it again and retry.");
        }
        catch (DbUpdateException exception) when (db.IsUniqueConstraintViolation(exception))
        {
            // A concurrent writer inserted the same tag row first; its commit can land before our version check runs.
            throw new PreconditionFailedException("The resource was changed by another request; GET it again and retry.");
        }

        return resource.Adapt<ResourceDto>(mapping);
    }
}
