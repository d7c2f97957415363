using Mapster;
using Mediator;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.GetResource;

/// <summary>The resource-policy behavior has already loaded and authorized the resource.</summary>
internal sealed class GetResourceHandler(ResourceContext resourceContext, TypeAdapterConfig mapping)
    : IQueryHandler<GetResourceQuery, ResourceDto>
{
    public ValueTask<ResourceDto> Handle(GetResourceQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(resourceContext.Resource.Adapt<ResourceDto>(mapping));
}
