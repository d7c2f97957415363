using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// How every SQLite connection this process opens holds the file's pages: its own page cache capped, the rest read
/// through a memory map of the file.
/// </summary>
/// <remarks>
/// Pooled connections keep their cache, and concurrent lists fill one per request in flight with pages a scan does
/// not reuse; a read by key needs only a few (docs/decisions/0015-memory-settings.md). A read of more pages than the
/// cache holds takes them from the map, one copy in the file cache shared by every connection
/// (docs/decisions/0044-reads-through-a-memory-map.md).
/// </remarks>
internal sealed class SqliteConnectionMemory : DbConnectionInterceptor
{
    /// <summary>The cap per connection, in KiB: 64 pages of 4 KiB.</summary>
    public const int CacheKiB = 256;

    /// <summary>
    /// How much of the database file a connection reads through a shared memory map rather than its own cache: the most
    /// SQLite allows (its build's <c>SQLITE_MAX_MMAP_SIZE</c>, 2 GB less 64 KiB), so the whole file up to that size.
    /// </summary>
    public const long MapBytes = 0x7fff0000;

    // A negative cache_size is in KiB, a positive one in pages.
    private static readonly string Pragma = $"PRAGMA cache_size = -{CacheKiB}; PRAGMA mmap_size = {MapBytes};";

    private readonly SqliteNativeConnections _connections = new(Apply);

    public static SqliteConnectionMemory Instance { get; } = new();

    /// <summary>Applies the cap to a connection opened outside EF.</summary>
    public static void Apply(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    // Once per native connection: a pooled one keeps the setting, and EF opens a connection for every query.
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        _connections.ApplyOnce((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _connections.ApplyOnce((SqliteConnection)connection);
        return Task.CompletedTask;
    }
}
