using System.Linq.Expressions;
using System.Text.Json;
using LinqKit;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.ListResources;

/// <summary>
/// The list as SQL: the caller's read filter, the query's filters, the count, and one page's positions. The pieces are
/// written once, as expressions; the service runs them as compiled queries, one per shape of filters, and composes them
/// only for a list by more than two tags (docs/decisions/0045-compiled-list-queries.md,
/// docs/decisions/0062-filtered-lists-compiled-per-shape.md). Kept apart from the handler so that the
/// benchmark measures and prints exactly this query.
/// </summary>
internal static partial class ResourceListQuery
{
    /// <summary>A tag row's copy of its resource's creation time, which its index orders by after key and value.</summary>
    private const string TagListOrder = "ResourceCreatedAt";

    /// <summary>How many resources of one type are in one status.</summary>
    public sealed record TypeAndStatusCount(ResourceType Type, ResourceStatus Status, int Count);

    /// <summary>
    /// A kept count, or -1 for one resource hidden from the caller, before they are summed per type and status. Set by
    /// name, not by a constructor: EF maps an initializer's members to the columns of both sides of a <c>UNION ALL</c>.
    /// </summary>
    private sealed class KeptCount
    {
        public ResourceType Type { get; init; }

        public ResourceStatus Status { get; init; }

        public int Count { get; init; }
    }

    /// <summary>
    /// The resources the caller may read that pass the query's filters: for a caller who reads their own and granted
    /// resources, the two parts of <see cref="Parts"/> one after the other (<c>UNION ALL</c>). A tag filter is asked per
    /// resource (<c>EXISTS</c>, a probe of the tags' primary key) unless <paramref name="fromTagIndex"/> says to ask the tag
    /// index once for the ids that carry it (<c>Id IN (...)</c>): a page walks the list order and stops after one page, so
    /// probing suits it while the tag is common; a count, or a page that reaches past the tag's last resource, visits every
    /// match, and probing would read the whole fleet to find them (docs/decisions/0035-keyset-pagination-and-covering-indexes.md).
    /// </summary>
    /// <remarks>
    /// The tag a page is listed by (<see cref="ListedBy"/>) is left to <see cref="TagPage"/>'s join. Without
    /// <paramref name="readable"/>, the rule asks the caller's Deny grants (<see cref="ReadableResources.WithDenials"/>).
    /// </remarks>
    public static IQueryable<Resource> Filtered(
        IQueryable<Resource> resources, ListResourcesQuery query, Guid userId, Role role, Func<TagFilter, bool>? fromTagIndex = null,
        TagFilter? listedBy = null, ReadableResources? readable = null)
    {
        readable ??= ReadableResources.WithDenials;
        if (ReadableResources.ReachOf(role) == ReadReach.OwnedOrAllowed)
        {
            var (owned, granted) = Parts(resources, query, userId, role, readable, fromTagIndex);
            return owned.Concat(granted);
        }

        return Matching(readable.ForAllOrNothing(resources, userId, role), resources, query, fromTagIndex, listedBy);
    }

    /// <summary>
    /// A list for a caller who reads their own and granted resources, in its two parts (<see cref="ReadableResources.Owned"/>,
    /// <see cref="ReadableResources.GrantedNotOwned"/>), the query's filters inside each: the first is read from the owner's
    /// indexes, the second from the grants, whatever the filters (docs/decisions/0050-fixed-planner-statistics.md).
    /// </summary>
    public static (IQueryable<Resource> Owned, IQueryable<Resource> Granted) Parts(
        IQueryable<Resource> resources, ListResourcesQuery query, Guid userId, Role role, ReadableResources readable,
        Func<TagFilter, bool>? fromTagIndex = null)
    {
        var (asUser, asRole) = (PolicyPrincipal.ForUser(userId), PolicyPrincipal.ForRole(role));
        var (ownedPart, grantedPart) = (readable.Owned, readable.GrantedNotOwned);
        var owned = Inlined.Query(resources, () => ownedPart.Invoke(resources, userId, asUser, asRole));
        var candidates = Matching(resources, resources, query, fromTagIndex);
        return (
            Matching(owned, resources, query, fromTagIndex),
            Inlined.Query(resources, () => grantedPart.Invoke(resources, candidates, userId, asUser, asRole)));
    }

    /// <summary>The resources of <paramref name="readable"/> that pass the query's filters (<see cref="Filtered"/>); <paramref name="all"/> is every resource, for the tag index.</summary>
    private static IQueryable<Resource> Matching(
        IQueryable<Resource> readable, IQueryable<Resource> all, ListResourcesQuery query, Func<TagFilter, bool>? fromTagIndex, TagFilter? listedBy = null)
    {
        var resources = OfTypeAndStatus(readable, query);
        if (query.Region is { } region)
        {
            // Each piece is invoked on a variable of its own: the query reads the variable when EF runs it, not when it is built.
            var inAnyRegion = resources;
            resources = Inlined.Query(inAnyRegion, () => InRegion.Invoke(inAnyRegion, region));
        }

        foreach (var filter in TagFilters(query))
        {
            if (filter == listedBy)
            {
                continue;
            }

            var (key, value, filtered) = (filter.Key, filter.Value, resources);
            resources = fromTagIndex?.Invoke(filter) == true
                ? Inlined.Query(filtered, () => TaggedFromIndex.Invoke(filtered, all, key, value))
                : Inlined.Query(filtered, () => TaggedProbed.Invoke(filtered, key, value));
        }

        return resources;
    }

    // The filters' pieces, written once: a composed list invokes them with the query's values (Matching), a compiled one
    // with its parameters (CompiledQueries.MatchingOf).
    private static readonly Expression<Func<IQueryable<Resource>, ResourceType, IQueryable<Resource>>> OfType =
        (resources, type) => resources.Where(r => r.Type == type);

    private static readonly Expression<Func<IQueryable<Resource>, ResourceStatus, IQueryable<Resource>>> InStatus =
        (resources, status) => resources.Where(r => r.Status == status);

    private static readonly Expression<Func<IQueryable<Resource>, string?, IQueryable<Resource>>> InRegion =
        (resources, region) => resources.Where(r => r.Region == region);

    /// <summary>The resources that carry the tag, asked per resource: <c>EXISTS</c>, a probe of the tags' primary key.</summary>
    private static readonly Expression<Func<IQueryable<Resource>, string?, string?, IQueryable<Resource>>> TaggedProbed =
        (resources, key, value) => resources.Where(r => r.Tags.Any(t => t.Key == key && t.Value == value));

    /// <summary>The resources that carry the tag, asked once from the tag index: <c>Id IN (...)</c>.</summary>
    private static readonly Expression<Func<IQueryable<Resource>, IQueryable<Resource>, string?, string?, IQueryable<Resource>>> TaggedFromIndex =
        (resources, all, key, value) => resources.Where(r => TaggedIds.Invoke(all, key, value).Contains(r.Id));

    /// <summary>The ids of the resources that carry the tag, in the tag index's order (key, value, resource id).</summary>
    private static readonly Expression<Func<IQueryable<Resource>, string?, string?, IQueryable<Guid>>> TaggedIds =
        (resources, key, value) => resources.SelectMany(r => r.Tags)
            .Where(t => t.Key == key && t.Value == value)
            .Select(t => EF.Property<Guid>(t, "ResourceId"));

    /// <summary>
    /// The tag an admin's list filtered by exactly one tag is read by, in its index's order (<see cref="TagPage"/>): every
    /// resource but a denied one is the admin's, so the tag's entries, newest first, are the page's candidates in order,
    /// and a page reads about as many as it shows whatever the fleet's size. A caller who sees a part of the fleet, or a
    /// list by several tags, walks the list's own order (docs/decisions/0042-a-tag-listed-in-the-lists-order.md).
    /// </summary>
    public static TagFilter? ListedBy(ListResourcesQuery query, Role role) =>
        ReadableResources.ReachOf(role) == ReadReach.AllButDenied && TagFilters(query) is [var only] ? only : null;

    /// <summary>
    /// <see cref="Page"/> (after <paramref name="after"/>, when given) read from <paramref name="tag"/>'s index entries,
    /// which carry their resource's creation time: the entries are walked newest first and each resource is sought by its
    /// primary key for the other filters, so no sort and no walk past the page. <paramref name="filtered"/> must leave the
    /// tag out (<see cref="Filtered"/>'s <c>listedBy</c>).
    /// </summary>
    public static IQueryable<PagePosition> TagPage(IQueryable<Resource> filtered, TagFilter tag, PagePosition? after, int page, int pageSize)
    {
        var (key, value, skip) = (tag.Key, tag.Value, (page - 1) * pageSize);
        if (after is { At: var at, Id: var id })
        {
            return Inlined.Query(filtered, () => TagEntriesPage.Invoke(TagEntriesAfter.Invoke(TagEntries.Invoke(filtered, key, value), at, id), skip, pageSize));
        }

        return Inlined.Query(filtered, () => TagEntriesPage.Invoke(TagEntries.Invoke(filtered, key, value), skip, pageSize));
    }

    /// <summary>A tag's index entry for a resource: the list's order is kept in the entry (<see cref="TagListOrder"/>). Set by name, as <see cref="KeptCount"/>.</summary>
    private sealed class TagEntry
    {
        public string Key { get; init; } = "";

        public string Value { get; init; } = "";

        public DateTimeOffset At { get; init; }

        public Guid Id { get; init; }
    }

    private static readonly Expression<Func<IQueryable<Resource>, string?, string?, IQueryable<TagEntry>>> TagEntries =
        (filtered, key, value) => filtered
            .SelectMany(r => r.Tags, (r, t) => new TagEntry { Key = t.Key, Value = t.Value, At = EF.Property<DateTimeOffset>(t, TagListOrder), Id = EF.Property<Guid>(t, "ResourceId") })
            .Where(e => e.Key == key && e.Value == value);

    private static readonly Expression<Func<IQueryable<TagEntry>, DateTimeOffset, Guid, IQueryable<TagEntry>>> TagEntriesAfter =
        (entries, at, id) => entries.Where(e => e.At <= at && (e.At < at || e.Id.CompareTo(id) < 0));

    private static readonly Expression<Func<IQueryable<TagEntry>, int, int, IQueryable<PagePosition>>> TagEntriesPage =
        (entries, skip, take) => entries
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Id)
            .Skip(skip)
            .Take(take)
            .Select(e => new PagePosition(e.At, e.Id));

    /// <summary>
    /// The list's <c>totalCount</c>. An admin's list filtered by nothing but type, status and at most one tag is counted
    /// from the counts the database keeps per type and status (<see cref="CompiledQueries.ShownCounts"/>) or per tag, type and status
    /// (<see cref="CompiledQueries.ShownTagCounts"/>), less what a Deny hides from the admin: a few rows at any fleet size, by a query
    /// compiled once; another caller's unfiltered list from the count kept per owner and their grants
    /// (<see cref="CompiledQueries.OwnedOrAllowedCount"/>). Any other list visits its matches in an index, by its shape's
    /// compiled statement (docs/decisions/0040-resource-counts-kept-by-the-database.md, docs/decisions/0041-tag-counts-kept-by-the-database.md).
    /// </summary>
    public static Task<int> CountAsync(
        IApplicationDbContext db, ListResourcesQuery query, Guid userId, Role role, CancellationToken cancellationToken) =>
        CountAsync(db, query, userId, role, ReadableResources.WithDenials, cancellationToken);

    /// <inheritdoc cref="CountAsync(IApplicationDbContext, ListResourcesQuery, Guid, Role, CancellationToken)"/>
    public static async Task<int> CountAsync(
        IApplicationDbContext db, ListResourcesQuery query, Guid userId, Role role, ReadableResources readable, CancellationToken cancellationToken)
    {
        var tags = TagFilters(query);
        var (context, compiled) = CompiledFor(db, readable);
        var (asUser, asRole) = (PolicyPrincipal.ForUser(userId), PolicyPrincipal.ForRole(role));
        var reach = ReadableResources.ReachOf(role);
        if (reach == ReadReach.OwnedOrAllowed && IsUnfiltered(query, role))
        {
            return await compiled.OwnedOrAllowedCount(context, userId, asUser, asRole, cancellationToken);
        }

        if (reach != ReadReach.AllButDenied || query.Region is not null || tags.Count > 1)
        {
            if (reach != ReadReach.Nothing && ShapeOf(query, fromTagIndex: _ => true, after: null) is var (shape, values))
            {
                var statement = reach == ReadReach.AllButDenied ? ListStatement.AllButDenied : ListStatement.OwnedOrAllowed;
                return await compiled.Count(statement, shape)(
                    context, userId, asUser, asRole, values.Type, values.Status, values.Region,
                    values.FirstKey, values.FirstValue, values.SecondKey, values.SecondValue, cancellationToken);
            }

            return await Filtered(db.Resources.AsNoTracking(), query, userId, role, fromTagIndex: _ => true, readable: readable).CountAsync(cancellationToken);
        }

        var shown = tags is [var tag]
            ? compiled.ShownTagCounts(context, tag.Key, tag.Value, asUser, asRole)
            : compiled.ShownCounts(context, asUser, asRole);
        var (type, status) = (TypeOf(query), StatusOf(query));
        var total = 0;
        await foreach (var count in shown.WithCancellation(cancellationToken))
        {
            if ((type is null || count.Type == type) && (status is null ? count.Status != ResourceStatus.Deleted : count.Status == status))
            {
                total += count.Count;
            }
        }

        return total;
    }

    private static readonly Expression<Func<IQueryable<KeptCount>, IQueryable<Resource>, IQueryable<TypeAndStatusCount>>> Shown =
        (kept, denied) => kept.Concat(denied.Select(r => new KeptCount { Type = r.Type, Status = r.Status, Count = -1 }))
            .GroupBy(c => new { c.Type, c.Status })
            .Select(g => new TypeAndStatusCount(g.Key.Type, g.Key.Status, g.Sum(c => c.Count)));

    /// <summary>A kept count or a resource's part of one (1 or -1), before they are summed; set by name, as <see cref="KeptCount"/>.</summary>
    private sealed class Counted
    {
        public int Count { get; init; }
    }

    /// <summary>The query's tag filters, each once: a tag asked twice is one filter to every statement.</summary>
    private static List<TagFilter> TagFilters(ListResourcesQuery query)
    {
        var filters = new List<TagFilter>();
        foreach (var tag in query.Tags)
        {
            if (TagFilter.TryParse(tag, out var filter) && !filters.Contains(filter))
            {
                filters.Add(filter);
            }
        }

        return filters;
    }

    /// <summary>
    /// The query's tag filters carried by at most <paramref name="reach"/> resources (the rows a cursor page asks for): a
    /// page walking the list order would pass every later resource in the fleet before it ended, so these are asked from
    /// the tag index. Each is one short range of that index, read no further than one entry past the reach.
    /// </summary>
    public static async Task<HashSet<TagFilter>> TagsWithinReachAsync(
        IApplicationDbContext db, ListResourcesQuery query, int reach, CancellationToken cancellationToken)
    {
        var within = new HashSet<TagFilter>();
        var (context, compiled) = CompiledFor(db, ReadableResources.WithDenials);
        foreach (var filter in TagFilters(query))
        {
            if (await compiled.TaggedUpTo(context, filter.Key, filter.Value, reach + 1, cancellationToken) <= reach)
            {
                within.Add(filter);
            }
        }

        return within;
    }

    /// <summary>The resources of the query's type and status; without a status, every one but the deleted.</summary>
    private static IQueryable<Resource> OfTypeAndStatus(IQueryable<Resource> resources, ListResourcesQuery query)
    {
        if (TypeOf(query) is { } type)
        {
            var all = resources;
            resources = Inlined.Query(all, () => OfType.Invoke(all, type));
        }

        var typed = resources;
        return StatusOf(query) is { } status
            ? Inlined.Query(typed, () => InStatus.Invoke(typed, status))
            : Inlined.Query(typed, () => Listed.Invoke(typed));
    }

    /// <summary>Every resource but the deleted: a list without a status filter.</summary>
    private static readonly Expression<Func<IQueryable<Resource>, IQueryable<Resource>>> Listed =
        resources => resources.Where(r => r.Status != ResourceStatus.Deleted);

    private static ResourceType? TypeOf(ListResourcesQuery query) =>
        query.Type is null ? null : ResourceWireNames.ParseType(query.Type);

    private static ResourceStatus? StatusOf(ListResourcesQuery query) =>
        ResourceWireNames.TryParseStatus(query.Status, out var status) ? status : null;

    /// <summary>
    /// The rows after <paramref name="position"/> in the list's order (newest first, then id): a range in the
    /// (CreatedAt, Id) order, written so that the database seeks to its start rather than filters every row.
    /// </summary>
    public static IQueryable<Resource> After(IQueryable<Resource> filtered, PagePosition position)
    {
        var (at, id) = (position.At, position.Id);
        return Inlined.Query(filtered, () => AfterOf.Invoke(filtered, at, id));
    }

    private static readonly Expression<Func<IQueryable<Resource>, DateTimeOffset, Guid, IQueryable<Resource>>> AfterOf =
        (filtered, at, id) => filtered.Where(r => r.CreatedAt <= at && (r.CreatedAt < at || r.Id.CompareTo(id) < 0));

    /// <summary>What a cursor is bound to: the caller and every filter, so that it reads on only the list it came from.</summary>
    public static string CursorScope(ListResourcesQuery query, Guid userId, Role role) =>
        JsonSerializer.Serialize<string?[]>(
            ["resources", userId.ToString(), role.ToString(), query.Type, query.Region, query.Status, .. query.Tags.Order(StringComparer.Ordinal)]);

    /// <summary>
    /// One page's positions (its resources' ids and creation times), newest first, chosen from the filter's indexes
    /// alone; the rows are then read by id (<see cref="IResourceLoader.FindManyAsync"/>): ordering whole rows (four JSON
    /// documents each) to keep 50 cost an operator's page most of its time
    /// (docs/decisions/0035-keyset-pagination-and-covering-indexes.md, docs/decisions/0039-a-page-read-by-its-ids.md).
    /// </summary>
    public static IQueryable<PagePosition> Page(IQueryable<Resource> filtered, int page, int pageSize) =>
        PageFrom(filtered, (page - 1) * pageSize, pageSize);

    private static IQueryable<PagePosition> PageFrom(IQueryable<Resource> filtered, int skip, int take) =>
        Inlined.Query(filtered, () => PageOf.Invoke(filtered, skip, take));

    private static readonly Expression<Func<IQueryable<Resource>, int, int, IQueryable<PagePosition>>> PageOf =
        (filtered, skip, take) => filtered
            .OrderByDescending(r => r.CreatedAt)
            .ThenByDescending(r => r.Id)
            .Skip(skip)
            .Take(take)
            .Select(r => new PagePosition(r.CreatedAt, r.Id));

    /// <summary>
    /// <see cref="Page"/> (after <paramref name="after"/>, when given) of the resources the caller may read that pass the
    /// query's filters (<see cref="Filtered"/>, its tags asked from their index where <paramref name="fromTagIndex"/> says).
    /// For a caller who reads their own and granted resources, two statements: the first <paramref name="page"/> pages of
    /// each part (<see cref="Parts"/>), merged in the list order with the database's order of ids breaking ties
    /// (<see cref="IApplicationDbContext.IdOrder"/>); a page past <see cref="MergedReach"/> is one statement over both.
    /// A list by at most two tags runs its shape's compiled statements
    /// (docs/decisions/0048-an-operators-page-in-two-parts.md, docs/decisions/0050-fixed-planner-statistics.md).
    /// </summary>
    public static Task<List<PagePosition>> PageAsync(
        IApplicationDbContext db, ListResourcesQuery query, Guid userId, Role role, Func<TagFilter, bool> fromTagIndex, PagePosition? after,
        int page, int pageSize, CancellationToken cancellationToken) =>
        PageAsync(db, query, userId, role, ReadableResources.WithDenials, fromTagIndex, after, page, pageSize, cancellationToken);

    /// <inheritdoc cref="PageAsync(IApplicationDbContext, ListResourcesQuery, Guid, Role, Func{TagFilter, bool}, PagePosition?, int, int, CancellationToken)"/>
    public static async Task<List<PagePosition>> PageAsync(
        IApplicationDbContext db, ListResourcesQuery query, Guid userId, Role role, ReadableResources readable, Func<TagFilter, bool> fromTagIndex,
        PagePosition? after, int page, int pageSize, CancellationToken cancellationToken)
    {
        var skip = (page - 1) * pageSize;
        // At most skip + pageSize (MaxPage * MaxPageSize fits an int) of either part come before the page ends.
        var reach = skip + pageSize;
        var readReach = ReadableResources.ReachOf(role);
        var (context, compiled) = CompiledFor(db, readable);
        var (asUser, asRole) = (PolicyPrincipal.ForUser(userId), PolicyPrincipal.ForRole(role));
        var shaped = readReach == ReadReach.Nothing ? null : ShapeOf(query, fromTagIndex, after);
        if (readReach != ReadReach.OwnedOrAllowed || reach > MergedReach)
        {
            return shaped is not null
                ? await CompiledAsync(readReach == ReadReach.AllButDenied ? ListStatement.AllButDenied : ListStatement.OwnedOrAllowed, skip, pageSize)
                : await ComposedAsync(Filtered(db.Resources.AsNoTracking(), query, userId, role, fromTagIndex, readable: readable), skip, pageSize);
        }

        List<PagePosition> owned, granted;
        if (shaped is not null)
        {
            owned = await CompiledAsync(ListStatement.Owned, 0, reach);
            granted = await CompiledAsync(ListStatement.Granted, 0, reach);
        }
        else
        {
            var parts = Parts(db.Resources.AsNoTracking(), query, userId, role, readable, fromTagIndex);
            owned = await ComposedAsync(parts.Owned, 0, reach);
            granted = await ComposedAsync(parts.Granted, 0, reach);
        }

        return [.. Merged(owned, granted, db.IdOrder).Skip(skip).Take(pageSize)];

        ValueTask<List<PagePosition>> CompiledAsync(ListStatement statement, int from, int take)
        {
            var (shape, values) = shaped.GetValueOrDefault();
            var (at, id) = after is { } position ? (position.At, position.Id) : default;
            return compiled.Page(statement, shape)(
                context, userId, asUser, asRole, values.Type, values.Status, values.Region, values.FirstKey, values.FirstValue,
                values.SecondKey, values.SecondValue, at, id, from, take).ToListAsync(cancellationToken);
        }

        Task<List<PagePosition>> ComposedAsync(IQueryable<Resource> resources, int from, int take) =>
            PageFrom(after is { } position ? After(resources, position) : resources, from, take).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="TagPage"/> of an admin's list listed by <paramref name="tag"/> (<see cref="ListedBy"/>), run as its compiled statement.
    /// </summary>
    public static async Task<List<PagePosition>> TagPageAsync(
        IApplicationDbContext db, ListResourcesQuery query, Guid userId, Role role, ReadableResources readable, TagFilter tag, PagePosition? after,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        var (context, compiled) = CompiledFor(db, readable);
        if (ListedBy(query, role) != tag || ShapeOf(query, _ => false, after, listedBy: tag) is not var (shape, values))
        {
            throw new ArgumentException("Only an admin's list by exactly this one tag is listed by it.", nameof(tag));
        }

        var (at, id) = after is { } position ? (position.At, position.Id) : default;
        return await compiled.Page(ListStatement.ListedByTag, shape)(
            context, userId, PolicyPrincipal.ForUser(userId), PolicyPrincipal.ForRole(role), values.Type, values.Status, values.Region,
            values.FirstKey, values.FirstValue, values.SecondKey, values.SecondValue, at, id, (page - 1) * pageSize, pageSize).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// How far into the list a page read in two parts may end: both parts are held in memory to be merged, so a deeper page
    /// by number is one statement again, which the database sorts within its own bounded memory.
    /// </summary>
    private const int MergedReach = 1_000;

    /// <summary>Two pages in the list order (newest first, then the database's order of ids, descending), merged into one.</summary>
    private static IEnumerable<PagePosition> Merged(List<PagePosition> first, List<PagePosition> second, IComparer<Guid> idOrder)
    {
        var (i, j) = (0, 0);
        while (i < first.Count || j < second.Count)
        {
            var takeFirst = j == second.Count || (i < first.Count && ComesFirst(first[i], second[j], idOrder));
            yield return takeFirst ? first[i++] : second[j++];
        }
    }

    private static bool ComesFirst(PagePosition a, PagePosition b, IComparer<Guid> idOrder) =>
        a.At != b.At ? a.At > b.At : idOrder.Compare(a.Id, b.Id) > 0;

    /// <summary>A list filtered by nothing, for a caller whose role reads: another caller's is counted from the kept counts.</summary>
    private static bool IsUnfiltered(ListResourcesQuery query, Role role) =>
        query.Type is null && StatusOf(query) is null && query.Region is null && query.Tags.Count == 0
        && ReadableResources.ReachOf(role) != ReadReach.Nothing;
}
