using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// How every SQLite connection this process opens holds the file's pages: the first 2 GB read through a memory map of
/// the file, the rest, and pages being written, through the connection's own page cache, which may grow to
/// <see cref="CacheKiB"/> while all of them together stay near <see cref="HeapLimitBytes"/>.
/// </summary>
/// <remarks>
/// A read of the mapped range takes the page from the map, one copy in the file cache shared by every connection
/// (docs/decisions/0044-reads-through-a-memory-map.md). Beyond it, a cache of 64 pages read a list's or a write's
/// pages again on every request; the caches are larger, and bounded together rather than each on its own
/// (docs/decisions/0053-page-caches-bounded-together.md; docs/decisions/0015-memory-settings.md before it).
/// </remarks>
internal sealed class SqliteConnectionMemory : DbConnectionInterceptor
{
    /// <summary>The cap per connection, in KiB: 1,024 pages of 4 KiB, about SQLite's own default of 2,000 KiB twice.</summary>
    public const int CacheKiB = 4096;

    /// <summary>
    /// SQLite's soft heap limit, one for the process: near it, a connection's cache takes a page from its own least
    /// recently used ones instead of growing, so the caches of every pooled connection together stay near this size.
    /// </summary>
    public const long HeapLimitBytes = 32L << 20;

    /// <summary>
    /// How much of the database file a connection reads through a shared memory map rather than its own cache: the most
    /// SQLite allows (its build's <c>SQLITE_MAX_MMAP_SIZE</c>, 2 GB less 64 KiB), so the whole file up to that size.
    /// </summary>
    public const long MapBytes = 0x7fff0000;

    // A negative cache_size is in KiB, a positive one in pages. soft_heap_limit is the process's, set again by each
    // connection to the same value.
    internal static readonly string Pragma =
        $"PRAGMA cache_size = -{CacheKiB}; PRAGMA mmap_size = {MapBytes}; PRAGMA soft_heap_limit = {HeapLimitBytes};";

    private readonly SqliteNativeConnections _connections = new(Apply);

    public static SqliteConnectionMemory Instance { get; } = new();

    /// <summary>Applies the settings to a connection opened outside EF.</summary>
    public static void Apply(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    // Once per native connection: a pooled one keeps the settings, and EF may open a connection for every query.
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        _connections.ApplyOnce((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _connections.ApplyOnce((SqliteConnection)connection);
        return Task.CompletedTask;
    }
}
