using Mediator;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Options;

namespace Orchestrator.Application.Regions.ListRegions;

internal sealed class ListRegionsHandler(IOptions<CloudCatalogOptions> catalog) : IQueryHandler<ListRegionsQuery, RegionList>
{
    public ValueTask<RegionList> Handle(ListRegionsQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RegionList(catalog.Value.AllowedRegions));
}
