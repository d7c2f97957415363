using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.ListResources;

/// <summary>
/// A page number: two statements, the count and the page (with its tags). A cursor: one statement, the page after
/// the cursor's position plus one row to tell whether another page follows; nothing is counted.
/// </summary>
internal sealed class ListResourcesHandler(IApplicationDbContext db, ICurrentUser currentUser, TypeAdapterConfig mapping, PageCursors cursors)
    : IQueryHandler<ListResourcesQuery, ResourcePage>
{
    public async ValueTask<ResourcePage> Handle(ListResourcesQuery query, CancellationToken cancellationToken)
    {
        var scope = ResourceListQuery.CursorScope(query, currentUser.UserId, currentUser.Role);
        if (query.Cursor is { } cursor)
        {
            // No count tells how far the walk goes: a tag on no more resources than the page asks for is read from its index.
            var rare = await ResourceListQuery.TagsWithinReachAsync(db.Resources.AsNoTracking(), query, query.PageSize + 1, cancellationToken);
            var filtered = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, currentUser.UserId, currentUser.Role, rare.Contains);
            var after = ResourceListQuery.After(filtered, cursors.Read(cursor, scope));
            var rows = await ResourceListQuery.Page(db.Resources.AsNoTracking(), after, 1, query.PageSize + 1).ToListAsync(cancellationToken);
            var more = rows.Count > query.PageSize;
            if (more)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            return new ResourcePage(rows.Adapt<List<ResourceDto>>(mapping), null, query.PageSize, null, more ? Next(rows, scope) : null);
        }

        var totalCount = await ResourceListQuery.CountAsync(db.Resources.AsNoTracking(), query, currentUser.UserId, currentUser.Role, cancellationToken);
        // A page that reaches past the last match would walk the whole list to find it: it asks the tags as the count did.
        var pastTheEnd = (long)query.Page * query.PageSize >= totalCount;
        var paged = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, currentUser.UserId, currentUser.Role, fromTagIndex: _ => pastTheEnd);
        var page = await ResourceListQuery.Page(db.Resources.AsNoTracking(), paged, query.Page, query.PageSize).ToListAsync(cancellationToken);
        var followed = page.Count > 0 && !pastTheEnd;
        return new ResourcePage(page.Adapt<List<ResourceDto>>(mapping), query.Page, query.PageSize, totalCount, followed ? Next(page, scope) : null);
    }

    private string Next(List<ResourceListRow> rows, string scope) => cursors.Write(scope, new PagePosition(rows[^1].CreatedAt, rows[^1].Id));
}
