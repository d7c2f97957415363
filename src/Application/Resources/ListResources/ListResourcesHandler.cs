using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.ListResources;

/// <summary>Two statements whatever the filters: the count and the page (with its tags).</summary>
internal sealed class ListResourcesHandler(IApplicationDbContext db, ICurrentUser currentUser, TypeAdapterConfig mapping)
    : IQueryHandler<ListResourcesQuery, ResourcePage>
{
    public async ValueTask<ResourcePage> Handle(ListResourcesQuery query, CancellationToken cancellationToken)
    {
        var filtered = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, currentUser.UserId, currentUser.Role);
        var totalCount = await filtered.CountAsync(cancellationToken);
        var rows = await ResourceListQuery.Page(filtered, query.Page, query.PageSize).ToListAsync(cancellationToken);
        return new ResourcePage(rows.Adapt<List<ResourceDto>>(mapping), query.Page, query.PageSize, totalCount);
    }
}
