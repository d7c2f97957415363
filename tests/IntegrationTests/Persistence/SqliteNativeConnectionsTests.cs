using Microsoft.Data.Sqlite;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// The service's per-connection SQLite settings are applied once per native connection: EF opens and closes a pooled
/// connection around every query, and a pooled native connection keeps what was set on it.
/// </summary>
public sealed class SqliteNativeConnectionsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"orchestrator-native-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_file};Pooling=True";

    [Fact]
    public void A_setting_is_applied_on_a_native_connections_first_open_and_again_only_on_a_new_one()
    {
        var applied = 0;
        var once = new SqliteNativeConnections(connection =>
        {
            applied++;
            Execute(connection, "PRAGMA cache_size = -300;");
        });
        using var connection = new SqliteConnection(ConnectionString);

        for (var open = 0; open < 3; open++)
        {
            connection.Open();
            once.ApplyOnce(connection);
            // The setting holds on every open, applied or kept by the pool.
            Scalar(connection, "PRAGMA cache_size;").ShouldBe(-300L);
            connection.Close();
        }

        applied.ShouldBe(1);

        // The pool's native connections closed: the next open is a new one, with SQLite's defaults, and is set up again.
        SqliteConnection.ClearPool(connection);
        connection.Open();
        Scalar(connection, "PRAGMA cache_size;").ShouldNotBe(-300L, "a new native connection starts from SQLite's default");
        once.ApplyOnce(connection);
        Scalar(connection, "PRAGMA cache_size;").ShouldBe(-300L);
        connection.Close();
        applied.ShouldBe(2);
    }

    public void Dispose()
    {
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        File.Delete(_file);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
