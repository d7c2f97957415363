using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Persistence;
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
        (await ScalarAsync(connection, "PRAGMA journal_mode;")).ShouldBe("wal");
    }

    [Fact]
    public async Task Every_connection_of_the_service_commits_with_synchronous_normal_and_waits_for_the_write_lock()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var open = 0; open < 3; open++)
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                // Set on a native connection's first open and kept by the pool for the opens after it.
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                (await ScalarAsync(connection, "PRAGMA synchronous;")).ShouldBe(Normal);
                (await ScalarAsync(connection, "PRAGMA busy_timeout;")).ShouldBe(30_000L);
                (await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;")).ShouldBe(50_000L);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
