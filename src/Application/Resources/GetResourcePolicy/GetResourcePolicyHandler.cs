using Mediator;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.GetResourcePolicy;

internal sealed class GetResourcePolicyHandler(ResourceContext resourceContext) : IQueryHandler<GetResourcePolicyQuery, VersionedResourcePolicy>
{
    public ValueTask<VersionedResourcePolicy> Handle(GetResourcePolicyQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(VersionedResourcePolicy.Of(resourceContext.Resource));
}
