using System.Text.RegularExpressions;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// EF binds a query's row count as a parameter (<c>LIMIT @take</c>). When SQLite's planner weighs walking an index in the
/// query's order against its filters, it reads a bound LIMIT's value, and a statement whose plan read a parameter is
/// prepared again every time that parameter is bound: a kept page statement was parsed and planned on every execution.
/// Written <c>LIMIT +@take</c> the count is the same and the planner leaves it unread, so the statement stays prepared
/// (docs/decisions/0059-kept-statements-with-an-unread-limit.md).
/// </summary>
internal static partial class SqliteLimitParameters
{
    /// <summary>
    /// <paramref name="sql"/> with each bound LIMIT behind a unary plus. EF puts no caller's text in its SQL (values are
    /// parameters), so the pattern only meets EF's own clause.
    /// </summary>
    public static string Unread(string sql) => BoundLimit().Replace(sql, "LIMIT +@");

    [GeneratedRegex(@"\bLIMIT @", RegexOptions.CultureInvariant)]
    private static partial Regex BoundLimit();
}
