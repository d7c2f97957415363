using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// This process's write transactions on one SQLite file take turns here, in arrival order, before they ask SQLite for its one
/// write lock: a transaction that found the lock taken would otherwise poll for it (SQLite's busy handler sleeps between
/// tries), so under load writers slept while the lock stood free (docs/decisions/0036-create-path-cost.md). Other processes
/// on the same file still meet at SQLite's lock. A turn is a scope: <see cref="AppDbContext.BeginWriteTransactionAsync"/>
/// ends it when its transaction is disposed, however the transaction ended.
/// </summary>
internal sealed class SqliteWriterTurns
{
    // As long as SQLite's own wait for its lock (the connection's busy_timeout): a turn not given by then is a busy database.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private const int SqliteBusy = 5;

    private static readonly ConcurrentDictionary<string, SqliteWriterTurns> ByFile = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _turn = new(1, 1);

    private SqliteWriterTurns()
    {
    }

    /// <summary>The turns of the file a connection string names (every context and instance of this process on it share them).</summary>
    public static SqliteWriterTurns For(string connectionString) =>
        ByFile.GetOrAdd(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource), _ => new SqliteWriterTurns());

    /// <summary>Waits for this process's turn to write; disposing the result gives it to the next writer.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        if (!await _turn.WaitAsync(Wait, cancellationToken))
        {
            throw new SqliteException("database is locked: no turn to write within the wait", SqliteBusy);
        }

        return new Turn(_turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
