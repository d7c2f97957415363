using Microsoft.Data.Sqlite;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// Every SQLite connection the service opens has its page cache capped (SQLite's default is 2 MB per connection,
/// kept while the connection is pooled), sets SQLite's process-wide soft heap limit that bounds the caches together
/// (SQLite's default: none) and reads the file through a memory map (SQLite's default: none): the contexts from the
/// service's container and the prepared reader's.
/// </summary>
public sealed class SqliteConnectionMemoryTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public Task A_context_from_the_service_opens_its_connection_with_the_capped_cache_and_the_map() =>
        // EF opens and closes the connection around each query: the settings must hold on every open, pooled or new.
        ServiceSqliteConnections.CheckEveryOpenAsync(factory, connection =>
        {
            CacheSize(connection).ShouldBe(-SqliteConnectionMemory.CacheKiB);
            MapSize(connection).ShouldBe(SqliteConnectionMemory.MapBytes);
            HeapLimit(connection).ShouldBe(SqliteConnectionMemory.HeapLimitBytes);
        });

    [Fact]
    public async Task The_prepared_readers_connections_have_the_capped_cache_and_the_map()
    {
        await using var database = await MigratedSqliteFile.CreateAsync("page-cache");
        using (var plain = new SqliteConnection(database.ConnectionString))
        {
            plain.Open();
            CacheSize(plain).ShouldNotBe(-SqliteConnectionMemory.CacheKiB, "SQLite's own default, or this test proves nothing");
            MapSize(plain).ShouldBe(0, "SQLite's own default, or this test proves nothing");
        }

        using var connection = PreparedSqliteResourceReader.OpenConnection(database.ConnectionString);
        CacheSize(connection).ShouldBe(-SqliteConnectionMemory.CacheKiB);
        MapSize(connection).ShouldBe(SqliteConnectionMemory.MapBytes);
        HeapLimit(connection).ShouldBe(SqliteConnectionMemory.HeapLimitBytes);
    }

    private static long CacheSize(SqliteConnection connection) => (long)ServiceSqliteConnections.Pragma(connection, "cache_size")!;

    private static long HeapLimit(SqliteConnection connection) => (long)ServiceSqliteConnections.Pragma(connection, "soft_heap_limit")!;

    private static long MapSize(SqliteConnection connection) => (long)ServiceSqliteConnections.Pragma(connection, "mmap_size")!;
}
