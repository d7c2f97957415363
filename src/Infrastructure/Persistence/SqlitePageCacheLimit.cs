using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Caps SQLite's page cache on every connection this process opens.
/// </summary>
/// <remarks>
/// SQLite keeps a page cache per connection, 2 MB by default, and keeps it while the connection waits in the pool.
/// Under concurrent lists the pool grows to one connection per request in flight, and each list reads the whole
/// table, so every pooled connection fills its 2 MB: with 32 lists at once the process held about 47 MB more
/// native memory afterwards. A table scan does not fit in 2 MB anyway, and a lookup by key touches a handful of
/// pages, so a small cache costs neither; the operating system's file cache still holds the database.
/// </remarks>
internal sealed class SqlitePageCacheLimit : DbConnectionInterceptor
{
    /// <summary>The cap per connection, in KiB: 64 pages of 4 KiB.</summary>
    public const int CacheKiB = 256;

    // A negative cache_size is in KiB, a positive one in pages.
    private static readonly string Pragma = $"PRAGMA cache_size = -{CacheKiB};";

    public static SqlitePageCacheLimit Instance { get; } = new();

    /// <summary>Applies the cap to a connection opened outside EF.</summary>
    public static void Apply(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    // On every open: a pooled connection keeps the setting, but the pool does not tell a new native connection from a
    // reused one, and asking would be a statement too. EF opens only for queries that take milliseconds.
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Apply((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply((SqliteConnection)connection);
        return Task.CompletedTask;
    }
}
