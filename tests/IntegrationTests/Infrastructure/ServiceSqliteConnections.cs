using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>The SQLite connections a context from the service's container opens, and their settings as SQLite reports them.</summary>
internal static class ServiceSqliteConnections
{
    /// <summary>
    /// Opens a context's connection three times and checks it on each open: the interceptors set their PRAGMAs on a native
    /// connection's first open, and the pool hands the same native connection to the opens after it.
    /// </summary>
    public static async Task CheckEveryOpenAsync(OrchestratorApiFactory factory, Action<SqliteConnection> check)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var open = 0; open < 3; open++)
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                check((SqliteConnection)db.Database.GetDbConnection());
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>The value of <c>PRAGMA name</c> on <paramref name="connection"/>.</summary>
    public static object? Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return command.ExecuteScalar();
    }
}
