using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// This process's write transactions on the SQLite file take turns here, in arrival order, before they ask SQLite for its one
/// write lock: a transaction that found the lock taken would otherwise poll for it (SQLite's busy handler sleeps between
/// tries), so under load writers slept while the lock stood free (docs/decisions/0036-create-path-cost.md). Other processes
/// on the same file still meet at SQLite's lock. A turn ends with the transaction's commit, rollback or failure, or at the
/// latest when its connection closes.
/// </summary>
internal sealed class SqliteWriterTurns : DbTransactionInterceptor, IDbConnectionInterceptor
{
    // As long as SQLite's own wait for its lock (the connection's busy_timeout): a turn not given by then is a busy database.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private const int SqliteBusy = 5;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ConcurrentDictionary<DbConnection, byte> _holders = new();

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!_turn.Wait(Wait))
        {
            throw Busy();
        }

        _holders[connection] = 0;
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (!await _turn.WaitAsync(Wait, cancellationToken))
        {
            throw Busy();
        }

        _holders[connection] = 0;
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => EndTurn(ConnectionOf(transaction, eventData));

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTurn(ConnectionOf(transaction, eventData));
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => EndTurn(ConnectionOf(transaction, eventData));

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTurn(ConnectionOf(transaction, eventData));
        return Task.CompletedTask;
    }

    // A failed begin, commit or rollback; a failed savepoint leaves the transaction (and the turn) in place.
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (!eventData.Action.Contains("Savepoint", StringComparison.OrdinalIgnoreCase))
        {
            EndTurn(ConnectionOf(transaction, eventData));
        }
    }

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    // A transaction disposed without a commit or rollback is rolled back by SQLite; its connection closes after it.
    InterceptionResult IDbConnectionInterceptor.ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        EndTurn(connection);
        return result;
    }

    ValueTask<InterceptionResult> IDbConnectionInterceptor.ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        EndTurn(connection);
        return ValueTask.FromResult(result);
    }

    // The events name the transaction; after its end the provider may have let go of the connection, the context has not.
    private static DbConnection? ConnectionOf(DbTransaction transaction, TransactionEventData eventData) =>
        eventData.Context?.Database.GetDbConnection() ?? transaction.Connection;

    private void EndTurn(DbConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        if (_holders.TryRemove(connection, out _))
        {
            _turn.Release();
        }
    }

    private static SqliteException Busy() => new("database is locked: no turn to write within the wait", SqliteBusy);
}
