using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.ListResources;

internal sealed class ListResourcesHandler(IApplicationDbContext db, ICurrentUser currentUser, TypeAdapterConfig mapping)
    : IQueryHandler<ListResourcesQuery, ResourcePage>
{
    public async ValueTask<ResourcePage> Handle(ListResourcesQuery query, CancellationToken cancellationToken)
    {
        var resources = ReadableResources.For(db.Resources.AsNoTracking(), currentUser.UserId, currentUser.Role);

        if (query.Type is not null)
        {
            var type = ResourceWireNames.ParseType(query.Type);
            resources = resources.Where(r => r.Type == type);
        }

        if (query.Region is not null)
        {
            resources = resources.Where(r => r.Region == query.Region);
        }

        if (query.Status is not null && ResourceWireNames.TryParseStatus(query.Status, out var status))
        {
            resources = resources.Where(r => r.Status == status);
        }
        else
        {
            resources = resources.Where(r => r.Status != ResourceStatus.Deleted);
        }

        foreach (var tag in query.Tags)
        {
            if (TagFilter.TryParse(tag, out var filter))
            {
                resources = resources.Where(r => r.Tags.Any(t => t.Key == filter.Key && t.Value == filter.Value));
            }
        }

        var totalCount = await resources.CountAsync(cancellationToken);
        var page = await resources
            .OrderByDescending(r => r.CreatedAt)
            .ThenByDescending(r => r.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Include(r => r.Tags)
            .ToListAsync(cancellationToken);

        return new ResourcePage(page.Adapt<List<ResourceDto>>(mapping), query.Page, query.PageSize, totalCount);
    }
}
