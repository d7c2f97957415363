using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Gives EF a plain <see cref="SqliteConnection"/> in place of the one its SQLite provider builds, which carries the
/// provider's SQL functions (<c>ef_mod</c>, <c>ef_compare_*</c>, decimal arithmetic and aggregates, <c>regexp</c>).
/// Microsoft.Data.Sqlite registers a connection's functions again on every open and removes them on every close, and EF
/// opens its connection for every request; EF only calls them for a <c>decimal</c> column or <c>Regex.IsMatch</c> in a
/// query, and the model has neither (docs/decisions/0058-sqlite-connections-without-ef-functions.md).
/// </summary>
internal sealed class SqliteConnectionsWithoutEfFunctions : DbConnectionInterceptor
{
    public static SqliteConnectionsWithoutEfFunctions Instance { get; } = new();

    public override InterceptionResult<DbConnection> ConnectionCreating(
        ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result)
    {
        var connection = new SqliteConnection(eventData.ConnectionString);

        // The one other thing the provider sets on a connection it builds.
        if (eventData.Context?.Database.GetCommandTimeout() is { } timeout)
        {
            connection.DefaultTimeout = timeout;
        }

        return InterceptionResult<DbConnection>.SuppressWithResult(connection);
    }
}
