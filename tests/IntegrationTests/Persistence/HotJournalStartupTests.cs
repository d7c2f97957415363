using System.Net;
using Microsoft.Data.Sqlite;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// A process killed in the middle of a write transaction leaves the frames it spilled into the write-ahead log, with no
/// commit after them. The data directory is copied while a transaction is open, which is what the disk holds after a
/// SIGKILL at that moment: the service must start on it, ignore the half-done transaction and answer as before.
/// </summary>
public sealed class HotJournalStartupTests
{
    [Fact]
    public async Task The_service_starts_on_a_database_a_killed_process_left_mid_transaction_and_the_transaction_is_undone()
    {
        var copy = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
        using (var original = new OrchestratorApiFactory())
        {
            using (var admin = await original.CreateAdminClientAsync())
            {
                using var me = await admin.GetAsync("/api/v1/me");
                me.StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            await using var connection = new SqliteConnection($"Data Source={original.DatabaseFile};Pooling=False");
            await connection.OpenAsync();
            await using (var smallCache = connection.CreateCommand())
            {
                // A cache of a few pages spills the transaction's changes into the log, as a large write does.
                smallCache.CommandText = "PRAGMA cache_size = 2;";
                await smallCache.ExecuteNonQueryAsync();
            }

            await using var transaction = await connection.BeginTransactionAsync();
            await using (var write = connection.CreateCommand())
            {
                write.CommandText = """
                    CREATE TABLE HalfDone (Value TEXT);
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                    INSERT INTO HalfDone SELECT 'never committed ' || hex(randomblob(500)) FROM n;
                    """;
                await write.ExecuteNonQueryAsync();
            }

            new FileInfo(original.DatabaseFile + "-wal").Length.ShouldBeGreaterThan(500_000, "the open transaction spilled its pages into the log");
            CopyDirectory(original.DataDirectory, copy);
            await transaction.RollbackAsync();
        }

        File.Exists(Path.Combine(copy, "orchestrator.db-wal")).ShouldBeTrue();
        using var restarted = OrchestratorApiFactory.OnDataDirectory(copy);
        using var client = await restarted.CreateAdminClientAsync();
        using (var me = await client.GetAsync("/api/v1/me"))
        {
            me.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await using var check = new SqliteConnection($"Data Source={restarted.DatabaseFile};Pooling=False");
        await check.OpenAsync();
        await using var query = check.CreateCommand();
        query.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'HalfDone';";
        ((long)(await query.ExecuteScalarAsync())!).ShouldBe(0, "the half-done transaction was never committed");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
