using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Copies the write-ahead log into the database file once a second, on a connection of its own. SQLite's automatic
/// checkpoint would run inside the commit that crosses its threshold, while that writer holds the write lock and every other
/// writer waits for it; the service's connections put that threshold far out (<see cref="SqliteWriteAheadLog"/>), so it only
/// runs when this one falls behind. A passive checkpoint waits for no reader or writer (docs/decisions/0036-create-path-cost.md).
/// </summary>
internal sealed partial class SqliteCheckpointer(string connectionString, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Checkpoint();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        Checkpoint();
    }

    private void Checkpoint()
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException exception)
        {
            // The next tick tries again; meanwhile the log only grows, and the automatic checkpoint still bounds it.
            LogCheckpointFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the SQLite write-ahead log failed")]
    private partial void LogCheckpointFailed(Exception exception);
}
