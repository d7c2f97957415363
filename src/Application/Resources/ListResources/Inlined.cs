using System.Linq.Expressions;
using LinqKit;

namespace Orchestrator.Application.Resources.ListResources;

/// <summary>
/// A query written as an expression definition (<see cref="ReadableResources"/>, <see cref="ResourceListQuery"/>) run as a
/// composed query: the definition is inlined (LinqKit's <c>Expand</c>) with the caller's captured values, which EF turns
/// into parameters as it does for any composed query. The same definitions are compiled where a list's shape is fixed
/// (docs/decisions/0045-compiled-list-queries.md).
/// </summary>
internal static class Inlined
{
    /// <summary>The query <paramref name="query"/> builds, on the provider of <paramref name="source"/> (one of the queries it reads).</summary>
    public static IQueryable<T> Query<T>(IQueryable source, Expression<Func<IQueryable<T>>> query) =>
        source.Provider.CreateQuery<T>(query.Expand().Body);
}
