using Mediator;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.ReplaceResourcePolicy;

internal sealed class ReplaceResourcePolicyHandler(IApplicationDbContext db, ResourceContext resourceContext, TimeProvider clock)
    : ICommandHandler<ReplaceResourcePolicyCommand, VersionedResourcePolicy>
{
    public async ValueTask<VersionedResourcePolicy> Handle(ReplaceResourcePolicyCommand command, CancellationToken cancellationToken)
    {
        var resource = resourceContext.Resource;
        ResourceETag.ThrowIfStale(command.IfMatch, resource.Version);
        resource.ReplacePolicy(ResourcePolicyMapping.ToDomain(new ResourcePolicyDto(command.Statements)), clock.GetUtcNow());

        // A lost race is answered by OptimisticConcurrencyBehavior.
        await db.SaveChangesAsync(cancellationToken);
        return VersionedResourcePolicy.Of(resource);
    }
}
