using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// The database file runs in write-ahead-log mode, and each connection commits with <c>synchronous = NORMAL</c>: a
/// commit appends to the log without an fsync (the checkpoint syncs), where the rollback journal synced several
/// times per commit while every other writer waited (docs/decisions/0036-create-path-cost.md).
/// </summary>
/// <remarks>
/// A killed process loses nothing it committed; a power loss can lose the last commits but never corrupts the file
/// or splits a transaction. Readers no longer wait for a writer.
/// </remarks>
internal sealed class SqliteWriteAheadLog : DbConnectionInterceptor
{
    // The automatic checkpoint at 50,000 pages (about 200 MB of log) instead of 1,000: SqliteCheckpointer checkpoints
    // outside the writers' turns, and this one runs only when that falls behind.
    private const string CommitPragma = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = 50000;";

    private readonly SqliteNativeConnections _connections = new(Apply);

    public static SqliteWriteAheadLog Instance { get; } = new();

    /// <summary>Puts the file in WAL mode; the mode is stored in the file, so this is needed once, and repeating it is harmless.</summary>
    public static async Task EnableAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        var connection = database.GetDbConnection();
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The SQLite database could not be put in WAL mode; it is in '{mode}' mode.");
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    // Once per native connection, like the page cache limit: a pooled one keeps its settings.
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        _connections.ApplyOnce((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _connections.ApplyOnce((SqliteConnection)connection);
        return Task.CompletedTask;
    }

    private static void Apply(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = CommitPragma;
        command.ExecuteNonQuery();
    }
}
