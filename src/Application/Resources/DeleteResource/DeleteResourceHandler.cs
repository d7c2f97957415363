using Mapster;
using Mediator;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Common;

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
        var kind = ResourceDeletion.JobKindFor(resource);
        bool requested;
        try
        {
            // Deletion protection refuses here (409 deletion-protected, DeletionProtectedException).
            requested = resource.RequestDeletion(now);
        }
        catch (DomainRuleException exception)
        {
            throw new ConflictException(exception.Message);
        }

        if (requested)
        {
            ResourceDeletion.AddJob(db, resource.Id, kind, now);

            // A lost race is answered by OptimisticConcurrencyBehavior.
            await db.SaveChangesAsync(cancellationToken);
        }

        return resource.Adapt<ResourceDto>(mapping);
    }
}
