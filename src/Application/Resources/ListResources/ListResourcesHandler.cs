using Mapster;
using Mediator;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.ListResources;

/// <summary>
/// Whether the caller holds a Deny grant on "read", which decides the form of the read rule every statement uses
/// (<see cref="ReadableResources.ForCallerAsync"/>). Then a page number: the count, then the page's positions, then its
/// rows by id. A cursor: the positions after the cursor's plus one to tell whether another page follows, then the rows by
/// id; nothing is counted.
/// </summary>
internal sealed class ListResourcesHandler(
    IApplicationDbContext db, IResourceLoader loader, ICurrentUser currentUser, TypeAdapterConfig mapping, PageCursors cursors)
    : IQueryHandler<ListResourcesQuery, ResourcePage>
{
    public async ValueTask<ResourcePage> Handle(ListResourcesQuery query, CancellationToken cancellationToken)
    {
        // Three to five statements in a row (their SQL kept prepared elsewhere): the connection is taken once, not per statement.
        await using var held = await db.HoldConnectionAsync(cancellationToken);
        var scope = ResourceListQuery.CursorScope(query, currentUser.UserId, currentUser.Role);
        var listedBy = ResourceListQuery.ListedBy(query, currentUser.Role);
        var readable = await ReadableResources.ForCallerAsync(db, currentUser.UserId, currentUser.Role, cancellationToken);
        if (query.Cursor is { } cursor)
        {
            var position = cursors.Read(cursor, scope);
            List<PagePosition> positions;
            if (listedBy is { } tag)
            {
                positions = await ResourceListQuery.TagPageAsync(
                    db, query, currentUser.UserId, currentUser.Role, readable, tag, position, 1, query.PageSize + 1, cancellationToken);
            }
            else
            {
                // No count tells how far the walk goes: a tag on no more resources than the page asks for is read from its index.
                var rare = await ResourceListQuery.TagsWithinReachAsync(db, query, query.PageSize + 1, cancellationToken);
                positions = await ResourceListQuery.PageAsync(
                    db, query, currentUser.UserId, currentUser.Role, readable, rare.Contains, position, 1, query.PageSize + 1, cancellationToken);
            }

            var more = positions.Count > query.PageSize;
            if (more)
            {
                positions.RemoveAt(positions.Count - 1);
            }

            return new ResourcePage(await ItemsAsync(positions, cancellationToken), null, query.PageSize, null, more ? Next(positions, scope) : null);
        }

        var totalCount = await ResourceListQuery.CountAsync(db, query, currentUser.UserId, currentUser.Role, readable, cancellationToken);
        // A page that reaches past the last match would walk the whole list to find it: it asks the tags as the count did.
        var pastTheEnd = (long)query.Page * query.PageSize >= totalCount;
        var page = listedBy is { } listedByTag
            ? await ResourceListQuery.TagPageAsync(
                db, query, currentUser.UserId, currentUser.Role, readable, listedByTag, null, query.Page, query.PageSize, cancellationToken)
            : await ResourceListQuery.PageAsync(
                db, query, currentUser.UserId, currentUser.Role, readable, _ => pastTheEnd, null, query.Page, query.PageSize, cancellationToken);
        var followed = page.Count > 0 && !pastTheEnd;
        return new ResourcePage(await ItemsAsync(page, cancellationToken), query.Page, query.PageSize, totalCount, followed ? Next(page, scope) : null);
    }

    private async Task<List<ResourceDto>> ItemsAsync(List<PagePosition> positions, CancellationToken cancellationToken)
    {
        var resources = await loader.FindManyAsync([.. positions.Select(position => position.Id)], cancellationToken);
        return resources.Adapt<List<ResourceDto>>(mapping);
    }

    private string Next(List<PagePosition> positions, string scope) => cursors.Write(scope, positions[^1]);
}
