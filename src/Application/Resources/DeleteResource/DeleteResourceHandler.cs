using Mapster;
using Mediator;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Provisioning;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.DeleteResource;

internal sealed class DeleteResourceHandler(
    IApplicationDbContext db,
    ResourceContext resourceContext,
    TimeProvider clock,
    TypeAdapterConfig mapping) : ICommandHandler<DeleteResourceCommand, ResourceDto>
{
    public async ValueTask<ResourceDto> Handle(DeleteResourceCommand command, CancellationToken cancellationToken)
    {
        var resource = resourceContext.Resource;
        ResourceETag.ThrowIfStale(command.IfMatch, resource.Version);

        var now = clock.GetUtcNow();
        var leftNothingInTheCloud = resource.Status == ResourceStatus.Failed && CloudFailureCode.LeftNothingInTheCloud(resource.FailureCode);
        if (resource.RequestDeletion(now))
        {
            var kind = leftNothingInTheCloud ? ProvisioningJobKind.DeleteRecordOnly : ProvisioningJobKind.Delete;
            db.ProvisioningJobs.Add(ProvisioningJob.Create(resource.Id, kind, now));

            // A lost race is answered by OptimisticConcurrencyBehavior.
            await db.SaveChangesAsync(cancellationToken);
        }

        return resource.Adapt<ResourceDto>(mapping);
    }
}
