using Mapster;
using Mediator;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Drift;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.ReconcileResource;

internal sealed class ReconcileResourceHandler(
    IApplicationDbContext db,
    ResourceContext resourceContext,
    TimeProvider clock,
    TypeAdapterConfig mapping) : ICommandHandler<ReconcileResourceCommand, ResourceDto>
{
    public async ValueTask<ResourceDto> Handle(ReconcileResourceCommand command, CancellationToken cancellationToken)
    {
        var resource = resourceContext.Resource;
        if (resource.Status != ResourceStatus.Active)
        {
            throw new ConflictException(
                $"The resource is {ResourceWireNames.Of(resource.Status)}; only an active resource can be reconciled with the cloud.");
        }

        // A reconcile already waiting repairs what this one would: asking twice queues one job.
        if (await ReconcileJobs.QueueAsync(db, resource.Id, clock.GetUtcNow(), cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return resource.Adapt<ResourceDto>(mapping);
    }
}
