using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Orchestrator.Infrastructure.Persistence;
using SQLitePCL;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// The prepared reader's connections, opened by <see cref="SqliteSingleThreadReads.OpenReadOnly"/> on a real file: without
/// SQLite's connection mutex (ADR 0060), yet read-only and with the page cache, memory map and heap limit of every other
/// connection of the service (ADR 0053). Their rows read the same as EF's: <see cref="PreparedSqliteResourceReaderTests"/>.
/// </summary>
public sealed class SqliteSingleThreadReadsTests : IAsyncLifetime
{
    private MigratedSqliteFile _database = null!;

    public async Task InitializeAsync() => _database = await MigratedSqliteFile.CreateAsync("single-thread");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void A_readers_connection_has_no_connection_mutex_where_Microsoft_Data_Sqlite_has_one()
    {
        using (var plain = new SqliteConnection(_database.ConnectionString))
        {
            plain.Open();
            DatabaseMutex(plain.Handle!.DangerousGetHandle()).ShouldNotBe(0, "SQLite's serialized mode, or this test proves nothing");
        }

        using var connection = SqliteSingleThreadReads.OpenReadOnly(_database.ConnectionString);
        DatabaseMutex(connection.DangerousGetHandle()).ShouldBe(0);
    }

    [Fact]
    public void A_readers_connection_has_the_services_page_cache_memory_map_and_heap_limit()
    {
        using var connection = SqliteSingleThreadReads.OpenReadOnly(_database.ConnectionString);

        Pragma(connection, "cache_size").ShouldBe(-SqliteConnectionMemory.CacheKiB);
        Pragma(connection, "mmap_size").ShouldBe(SqliteConnectionMemory.MapBytes);
        Pragma(connection, "soft_heap_limit").ShouldBe(SqliteConnectionMemory.HeapLimitBytes);
    }

    [Fact]
    public void A_readers_connection_cannot_write_the_file()
    {
        using var connection = SqliteSingleThreadReads.OpenReadOnly(_database.ConnectionString);

        raw.sqlite3_exec(connection, "DELETE FROM \"Resources\"").ShouldBe(raw.SQLITE_READONLY);
        Should.Throw<SqliteException>(() => SqliteSingleThreadReads.Check(raw.sqlite3_exec(connection, "CREATE TABLE t (x)"), connection))
            .SqliteErrorCode.ShouldBe(raw.SQLITE_READONLY);
    }

    [Fact]
    public void A_missing_file_is_not_created_but_reported()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"orchestrator-missing-{Guid.NewGuid():N}.db");

        Should.Throw<SqliteException>(() => SqliteSingleThreadReads.OpenReadOnly($"Data Source={missing}"))
            .SqliteErrorCode.ShouldBe(raw.SQLITE_CANTOPEN);
        File.Exists(missing).ShouldBeFalse();
    }

    private static long Pragma(sqlite3 connection, string name)
    {
        raw.sqlite3_prepare_v2(connection, $"PRAGMA {name};", out var statement).ShouldBe(raw.SQLITE_OK);
        using (statement)
        {
            raw.sqlite3_step(statement).ShouldBe(raw.SQLITE_ROW);
            return raw.sqlite3_column_int64(statement, 0);
        }
    }

    // Not among SQLitePCL.raw's functions: NULL for a connection opened without its mutex (SQLite's multi-thread mode).
    [DllImport("e_sqlite3", EntryPoint = "sqlite3_db_mutex")]
    private static extern nint DatabaseMutex(nint connection);
}
