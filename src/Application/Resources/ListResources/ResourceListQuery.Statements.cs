using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using LinqKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Domain.Resources;
// A list statement's parameters: the caller (user id, user and role principals), the filter values (type, status, region,
// two tags' keys and values), the position a cursor page starts after, and how many to skip and take.
using CountStatement = System.Func<Microsoft.EntityFrameworkCore.DbContext, System.Guid, string, string, Orchestrator.Domain.Resources.ResourceType, Orchestrator.Domain.Resources.ResourceStatus, string?, string?, string?, string?, string?, System.Threading.CancellationToken, System.Threading.Tasks.Task<int>>;
using ListedQuery = System.Linq.Expressions.Expression<System.Func<Microsoft.EntityFrameworkCore.DbContext, System.Guid, string, string, Orchestrator.Domain.Resources.ResourceType, Orchestrator.Domain.Resources.ResourceStatus, string?, string?, string?, string?, string?, System.Linq.IQueryable<Orchestrator.Domain.Resources.Resource>>>;
using PageQuery = System.Linq.Expressions.Expression<System.Func<Microsoft.EntityFrameworkCore.DbContext, System.Guid, string, string, Orchestrator.Domain.Resources.ResourceType, Orchestrator.Domain.Resources.ResourceStatus, string?, string?, string?, string?, string?, System.DateTimeOffset, System.Guid, int, int, System.Linq.IQueryable<Orchestrator.Application.Common.Paging.PagePosition>>>;
using PageStatement = System.Func<Microsoft.EntityFrameworkCore.DbContext, System.Guid, string, string, Orchestrator.Domain.Resources.ResourceType, Orchestrator.Domain.Resources.ResourceStatus, string?, string?, string?, string?, string?, System.DateTimeOffset, System.Guid, int, int, System.Collections.Generic.IAsyncEnumerable<Orchestrator.Application.Common.Paging.PagePosition>>;

namespace Orchestrator.Application.Resources.ListResources;

/// <summary>The list's statements as EF compiled queries (docs/decisions/0045-compiled-list-queries.md, docs/decisions/0062-filtered-lists-compiled-per-shape.md).</summary>
internal static partial class ResourceListQuery
{
    /// <summary>
    /// The most tag filters a list's compiled statements take (two parameters each); a list by more is composed, as every
    /// list was before its statements were compiled.
    /// </summary>
    private const int CompiledTags = 2;

    /// <summary>How a list's statement asks a tag filter: not at all, per resource (<c>EXISTS</c>) or from the tag index (<c>IN</c>).</summary>
    private enum TagAsked
    {
        None,
        Probed,
        FromIndex,
    }

    /// <summary>
    /// Which of a list's statements: a page of what an admin reads (<see cref="ReadableResources.NotDenied"/>) or of both parts
    /// of what another caller reads, one of those parts alone (<see cref="Parts"/>), or an admin's page walked along the
    /// tag it is listed by (<see cref="TagPage"/>).
    /// </summary>
    private enum ListStatement
    {
        AllButDenied,
        OwnedOrAllowed,
        Owned,
        Granted,
        ListedByTag,
    }

    /// <summary>
    /// The shape of a list's statements: which filters it has, how each tag is asked, and whether it starts after a cursor's
    /// position. The filters' values are the statement's parameters, so lists of one shape share one compiled statement.
    /// </summary>
    private readonly record struct ListShape(bool Type, bool Status, bool Region, TagAsked FirstTag, TagAsked SecondTag, bool After);

    /// <summary>A list's filter values as its statements take them; a filter its shape lacks is left at its default.</summary>
    private readonly record struct FilterValues(
        ResourceType Type, ResourceStatus Status, string? Region, string? FirstKey, string? FirstValue, string? SecondKey, string? SecondValue);

    /// <summary>
    /// The shape of a list's statements and the values they take, or null for a list by more than <see cref="CompiledTags"/>
    /// tags; <paramref name="listedBy"/>, the tag an admin's page is walked along, is the first tag's values and not a filter.
    /// </summary>
    private static (ListShape Shape, FilterValues Values)? ShapeOf(
        ListResourcesQuery query, Func<TagFilter, bool> fromTagIndex, PagePosition? after, TagFilter? listedBy = null)
    {
        var tags = TagFilters(query);
        if (listedBy is { } listed)
        {
            tags.Remove(listed);
        }

        if (tags.Count > CompiledTags || (listedBy is not null && tags.Count > 0))
        {
            return null;
        }

        var (type, status) = (TypeOf(query), StatusOf(query));
        var first = listedBy ?? (tags.Count > 0 ? tags[0] : (TagFilter?)null);
        TagFilter? second = tags.Count > 1 ? tags[1] : null;
        var shape = new ListShape(type is not null, status is not null, query.Region is not null, Asked(0), Asked(1), after is not null);
        return (shape, new FilterValues(type ?? default, status ?? default, query.Region, first?.Key, first?.Value, second?.Key, second?.Value));

        TagAsked Asked(int index) => index >= tags.Count ? TagAsked.None : fromTagIndex(tags[index]) ? TagAsked.FromIndex : TagAsked.Probed;
    }

    // A compiled query serves one model, and the model holds the field encryptor, so two hosts in one process (tests)
    // have two: the queries are compiled per model, as CompiledResourceLoader's loads are. A service has exactly one.
    // Each model has a set per form of the read rule.
    private static readonly ConditionalWeakTable<IModel, CompiledQueries[]> Compiled = [];

    /// <summary>The service's contexts are DbContexts; a compiled query is run on the context itself.</summary>
    private static (DbContext Context, CompiledQueries Compiled) CompiledFor(IApplicationDbContext db, ReadableResources readable)
    {
        var context = (DbContext)db;
        var forms = Compiled.GetValue(context.Model, static _ =>
            [new CompiledQueries(ReadableResources.WithDenials), new CompiledQueries(ReadableResources.WithoutDenials)]);
        return (context, forms[readable.Denials ? 0 : 1]);
    }

    /// <summary>
    /// The list's statements as EF compiled queries: translated once, where a composed query's tree is built, expanded,
    /// walked and looked up in the query cache on every request. An admin's counts from the kept counts, another caller's
    /// unfiltered count, and every page and count of a list by at most <see cref="CompiledTags"/> tags, one per
    /// <see cref="ListShape"/>, compiled when first asked for: the keys are bounded by the 144 shapes
    /// (docs/decisions/0045-compiled-list-queries.md, docs/decisions/0062-filtered-lists-compiled-per-shape.md).
    /// </summary>
    private sealed class CompiledQueries
    {
        private readonly ReadableResources _readable;

        private readonly ConcurrentDictionary<(ListStatement, ListShape), PageStatement> _pages = new();

        private readonly ConcurrentDictionary<(ListStatement, ListShape), CountStatement> _counts = new();

        public CompiledQueries(ReadableResources readable)
        {
            _readable = readable;
            var (deniedTo, deniedIds, grantedNotOwned) = (readable.DeniedTo, readable.DeniedIds, readable.GrantedNotOwned);
            Expression<Func<DbContext, Guid, string, string, IQueryable<Resource>>> grantedListed =
                (db, userId, asUser, asRole) => grantedNotOwned.Invoke(db.Set<Resource>(), Listed.Invoke(db.Set<Resource>()), userId, asUser, asRole);

            // How many resources of each type and status the caller (a user and role principal) sees: the database's kept
            // counts less those a Deny grant hides, found from the grants' principal index and one seek per denied resource.
            // The list's type and status filters are applied to these few groups, so that the planner cannot walk a type's
            // or a status's whole range instead.
            ShownCounts = EF.CompileAsyncQuery(Expanded<Func<DbContext, string, string, IQueryable<TypeAndStatusCount>>>((db, asUser, asRole) =>
                Shown.Invoke(
                    db.Set<ResourceCount>().Select(c => new KeptCount { Type = c.Type, Status = c.Status, Count = c.Count }),
                    deniedTo.Invoke(db.Set<Resource>(), asUser, asRole))));

            // The same for the resources that carry one tag (its key and value): the kept counts of that key and value (one
            // range of their primary key) less the resources a Deny hides that carry it.
            ShownTagCounts = EF.CompileAsyncQuery(Expanded<Func<DbContext, string, string, string, string, IQueryable<TypeAndStatusCount>>>((db, key, value, asUser, asRole) =>
                Shown.Invoke(
                    db.Set<ResourceTagCount>().Where(c => c.Key == key && c.Value == value)
                        .Select(c => new KeptCount { Type = c.Type, Status = c.Status, Count = c.Count }),
                    deniedTo.Invoke(db.Set<Resource>(), asUser, asRole).Where(r => r.Tags.Any(t => t.Key == key && t.Value == value)))));

            // The caller's kept count of their own listed resources, less those of them a Deny hides from the caller, plus
            // the listed ones granted to them that they do not own: one row and a seek per grant, whatever the caller owns
            // (docs/decisions/0049-owned-resource-counts-kept-by-the-database.md).
            OwnedOrAllowedCount = EF.CompileAsyncQuery(Expanded<Func<DbContext, Guid, string, string, CancellationToken, int>>((db, userId, asUser, asRole, _) =>
                db.Set<OwnedResourceCount>().Where(c => c.OwnerId == userId).Select(c => new Counted { Count = c.Listed })
                    .Concat(deniedIds.Invoke(Listed.Invoke(db.Set<Resource>()).Where(r => r.OwnerId == userId), asUser, asRole)
                        .Distinct().Select(id => new Counted { Count = -1 }))
                    .Concat(grantedListed.Invoke(db, userId, asUser, asRole).Select(r => new Counted { Count = 1 }))
                    .Sum(c => c.Count)));

            // Whether a tag is carried by at most so many resources: one short range of the tag index, read in the index's own
            // order so that the database stops after the limit instead of sorting every resource the tag is on.
            TaggedUpTo = EF.CompileAsyncQuery(Expanded<Func<DbContext, string, string, int, CancellationToken, int>>((db, key, value, take, _) =>
                TagEntries.Invoke(db.Set<Resource>(), key, value).OrderBy(e => e.At).ThenBy(e => e.Id).Take(take).Count()));
        }

        public Func<DbContext, string, string, IAsyncEnumerable<TypeAndStatusCount>> ShownCounts { get; }

        public Func<DbContext, string, string, string, string, IAsyncEnumerable<TypeAndStatusCount>> ShownTagCounts { get; }

        public Func<DbContext, Guid, string, string, CancellationToken, Task<int>> OwnedOrAllowedCount { get; }

        public Func<DbContext, string, string, int, CancellationToken, Task<int>> TaggedUpTo { get; }

        /// <summary>The statement for a page of <paramref name="statement"/> in <paramref name="shape"/>, compiled when first asked for.</summary>
        public PageStatement Page(ListStatement statement, ListShape shape) =>
            _pages.GetOrAdd((statement, shape), static (key, readable) => CompilePage(readable, key.Item1, key.Item2), _readable);

        /// <summary>The statement counting <paramref name="statement"/>'s matches in <paramref name="shape"/>, compiled when first asked for.</summary>
        public CountStatement Count(ListStatement statement, ListShape shape) =>
            _counts.GetOrAdd((statement, shape), static (key, readable) => EF.CompileAsyncQuery(
                Expanded<Func<DbContext, Guid, string, string, ResourceType, ResourceStatus, string?, string?, string?, string?, string?, CancellationToken, int>>(
                    (db, userId, asUser, asRole, type, status, region, firstKey, firstValue, secondKey, secondValue, _) =>
                        ListedOf(readable, key.Item1, key.Item2).Invoke(db, userId, asUser, asRole, type, status, region, firstKey, firstValue, secondKey, secondValue).Count())),
                _readable);

        private static PageStatement CompilePage(ReadableResources readable, ListStatement statement, ListShape shape)
        {
            var listed = ListedOf(readable, statement, shape);
            if (statement == ListStatement.ListedByTag)
            {
                Expression<Func<IQueryable<TagEntry>, DateTimeOffset, Guid, IQueryable<TagEntry>>> entriesAfter =
                    shape.After ? TagEntriesAfter : (entries, _, _) => entries;
                return Compile(
                    (db, userId, asUser, asRole, type, status, region, key, value, secondKey, secondValue, at, id, skip, take) => TagEntriesPage.Invoke(
                        entriesAfter.Invoke(
                            TagEntries.Invoke(listed.Invoke(db, userId, asUser, asRole, type, status, region, key, value, secondKey, secondValue), key, value), at, id),
                        skip,
                        take));
            }

            Expression<Func<IQueryable<Resource>, DateTimeOffset, Guid, IQueryable<Resource>>> after =
                shape.After ? AfterOf : (resources, _, _) => resources;
            return Compile(
                (db, userId, asUser, asRole, type, status, region, firstKey, firstValue, secondKey, secondValue, at, id, skip, take) => PageOf.Invoke(
                    after.Invoke(listed.Invoke(db, userId, asUser, asRole, type, status, region, firstKey, firstValue, secondKey, secondValue), at, id),
                    skip,
                    take));
        }

        /// <summary>
        /// The resources <paramref name="statement"/> reads in <paramref name="shape"/>, as <see cref="Filtered"/> composes them:
        /// the read rule, then the filters inside it (inside each part, for a caller who reads their own and granted ones).
        /// </summary>
        private static ListedQuery ListedOf(
            ReadableResources readable, ListStatement statement, ListShape shape)
        {
            var matching = MatchingOf(shape);
            var (notDenied, owned, grantedNotOwned) = (readable.NotDenied, readable.Owned, readable.GrantedNotOwned);
            ListedQuery ownedPart =
                (db, userId, asUser, asRole, type, status, region, firstKey, firstValue, secondKey, secondValue) => matching.Invoke(
                    owned.Invoke(db.Set<Resource>(), userId, asUser, asRole), db.Set<Resource>(), type, status, region, firstKey, firstValue, secondKey, secondValue);
            ListedQuery grantedPart =
                (db, userId, asUser, asRole, type, status, region, firstKey, firstValue, secondKey, secondValue) => grantedNotOwned.Invoke(
                    db.Set<Resource>(),
                    matching.Invoke(db.Set<Resource>(), db.Set<Resource>(), type, status, region, firstKey, firstValue, secondKey, secondValue),
                    userId,
                    asUser,
                    asRole);
            return statement switch
            {
                ListStatement.AllButDenied or ListStatement.ListedByTag =>
                    (db, userId, asUser, asRole, type, status, region, firstKey, firstValue, secondKey, secondValue) => matching.Invoke(
                        notDenied.Invoke(db.Set<Resource>(), asUser, asRole), db.Set<Resource>(), type, status, region, firstKey, firstValue, secondKey, secondValue),
                ListStatement.Owned => ownedPart,
                ListStatement.Granted => grantedPart,
                _ => (db, userId, asUser, asRole, type, status, region, firstKey, firstValue, secondKey, secondValue) =>
                    ownedPart.Invoke(db, userId, asUser, asRole, type, status, region, firstKey, firstValue, secondKey, secondValue)
                        .Concat(grantedPart.Invoke(db, userId, asUser, asRole, type, status, region, firstKey, firstValue, secondKey, secondValue)),
            };
        }

        /// <summary>
        /// The query's filters in <paramref name="shape"/>, as <see cref="Matching"/> applies them and from the same pieces:
        /// type, status (or every one but the deleted), region, then each tag; <c>all</c> is every resource, for the tag index.
        /// </summary>
        private static Expression<Func<IQueryable<Resource>, IQueryable<Resource>, ResourceType, ResourceStatus, string?, string?, string?, string?, string?, IQueryable<Resource>>> MatchingOf(
            ListShape shape)
        {
            Expression<Func<IQueryable<Resource>, ResourceType, IQueryable<Resource>>> ofType = shape.Type ? OfType : (resources, _) => resources;
            Expression<Func<IQueryable<Resource>, ResourceStatus, IQueryable<Resource>>> inStatus =
                shape.Status ? InStatus : (resources, _) => Listed.Invoke(resources);
            Expression<Func<IQueryable<Resource>, string?, IQueryable<Resource>>> inRegion = shape.Region ? InRegion : (resources, _) => resources;
            var (firstTag, secondTag) = (TagStep(shape.FirstTag), TagStep(shape.SecondTag));
            return (resources, all, type, status, region, firstKey, firstValue, secondKey, secondValue) => secondTag.Invoke(
                firstTag.Invoke(inRegion.Invoke(inStatus.Invoke(ofType.Invoke(resources, type), status), region), all, firstKey, firstValue),
                all,
                secondKey,
                secondValue);
        }

        private static Expression<Func<IQueryable<Resource>, IQueryable<Resource>, string?, string?, IQueryable<Resource>>> TagStep(TagAsked asked) => asked switch
        {
            TagAsked.Probed => (resources, _, key, value) => TaggedProbed.Invoke(resources, key, value),
            TagAsked.FromIndex => TaggedFromIndex,
            _ => (resources, _, _, _) => resources,
        };

        private static PageStatement Compile(PageQuery query) => EF.CompileAsyncQuery(query.Expand());

        private static Expression<TDelegate> Expanded<TDelegate>(Expression<TDelegate> query) => query.Expand();
    }
}
