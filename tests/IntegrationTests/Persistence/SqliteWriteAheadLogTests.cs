using Microsoft.Data.Sqlite;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// The service's database runs in write-ahead-log mode and its connections commit without an fsync per commit: in the
/// rollback journal every commit synced several times while all other writers waited.
/// </summary>
public sealed class SqliteWriteAheadLogTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    private const long Normal = 1;

    [Fact]
    public async Task The_service_puts_its_database_file_in_wal_mode()
    {
        using (var client = await factory.CreateAdminClientAsync())
        {
            using var me = await client.GetAsync("/api/v1/me");
            me.IsSuccessStatusCode.ShouldBeTrue();
        }

        await using var connection = new SqliteConnection($"Data Source={factory.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        ServiceSqliteConnections.Pragma(connection, "journal_mode").ShouldBe("wal");
    }

    [Fact]
    public Task Every_connection_of_the_service_commits_with_synchronous_normal_and_waits_for_the_write_lock() =>
        ServiceSqliteConnections.CheckEveryOpenAsync(factory, connection =>
        {
            ServiceSqliteConnections.Pragma(connection, "synchronous").ShouldBe(Normal);
            ServiceSqliteConnections.Pragma(connection, "busy_timeout").ShouldBe(30_000L);
            ServiceSqliteConnections.Pragma(connection, "wal_autocheckpoint").ShouldBe(50_000L);
        });
}
