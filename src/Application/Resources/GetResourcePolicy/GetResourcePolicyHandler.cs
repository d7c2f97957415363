using Mediator;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.GetResourcePolicy;

internal sealed class GetResourcePolicyHandler(ResourceContext resourceContext) : IQueryHandler<GetResourcePolicyQuery, ResourcePolicyDto>
{
    public ValueTask<ResourcePolicyDto> Handle(GetResourcePolicyQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ResourcePolicyMapping.ToDto(resourceContext.Resource.Policy));
}
