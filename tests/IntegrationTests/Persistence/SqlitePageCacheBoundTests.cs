using Microsoft.Data.Sqlite;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Abuse;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// The page caches of many connections together stay near SQLite's soft heap limit, whatever each one's cap allows
/// (docs/decisions/0053-page-caches-bounded-together.md). Reads here go through the caches, with the map turned off, as
/// reads beyond the first 2 GB of a larger file do. SQLite's heap is the process's: the test runs alone.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class SqlitePageCacheBoundTests : IDisposable
{
    private const int Connections = 24;
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-page-caches-").FullName;

    [Fact]
    public void The_caches_of_many_connections_together_stay_near_the_soft_heap_limit()
    {
        (Connections * SqliteConnectionMemory.CacheKiB * 1024L).ShouldBeGreaterThan(
            2 * SqliteConnectionMemory.HeapLimitBytes, "the caps together must reach well past the limit, or this test proves nothing");
        var file = Path.Combine(_directory, "pages.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        WriteTable(connectionString, bytes: 2 * SqliteConnectionMemory.CacheKiB * 1024L);

        // Connections other tests left in the pool hold caches of their own: closed, so that one cache has room to fill.
        SqliteConnection.ClearAllPools();
        var before = SQLitePCL.raw.sqlite3_memory_used();
        before.ShouldBeLessThan(SqliteConnectionMemory.HeapLimitBytes - (SqliteConnectionMemory.CacheKiB * 1024L), "room for one cache");
        var connections = new List<SqliteConnection>();
        try
        {
            for (var i = 0; i < Connections; i++)
            {
                var connection = new SqliteConnection(connectionString);
                connection.Open();
                SqliteConnectionMemory.Apply(connection);
                Execute(connection, "PRAGMA mmap_size = 0;");
                connections.Add(connection);
                Execute(connection, "SELECT SUM(LENGTH(Payload)) FROM Pages;");
                if (i == 0)
                {
                    // One connection alone fills its cache to about its cap: the caches are really used.
                    (SQLitePCL.raw.sqlite3_memory_used() - before).ShouldBeGreaterThan(SqliteConnectionMemory.CacheKiB * 1024L * 3 / 4);
                }
            }

            SQLitePCL.raw.sqlite3_memory_used().ShouldBeLessThan(SqliteConnectionMemory.HeapLimitBytes + (8L << 20));
        }
        finally
        {
            connections.ForEach(connection => connection.Dispose());
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void WriteTable(string connectionString, long bytes)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "CREATE TABLE Pages (Id INTEGER PRIMARY KEY, Payload BLOB NOT NULL);");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Pages (Payload) VALUES (randomblob(3000));";
        for (long written = 0; written < bytes; written += 3000)
        {
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteScalar();
    }
}
