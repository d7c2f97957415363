using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Runs EF's LINQ queries outside a transaction on read-only connections of its own, which keep each statement prepared:
/// a query run on every request is parsed and planned once per connection instead of on every execution
/// (docs/decisions/0046-statements-kept-prepared.md).
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite has no statement cache, and EF closes its connection after each query, which finalizes whatever
/// was prepared on it. EF still builds the command (its SQL and parameters) and shapes the rows; only the execution
/// moves: the kept statement is bound to the command's own parameters and its reader handed back to EF, and the
/// connection comes back when EF disposes that reader. Left to EF: reads inside a transaction (they must see its writes),
/// raw SQL (it may write), and a statement SQLite cannot prepare on a plain connection (one calling a function EF's
/// provider registers on the connections it builds; the service's contexts get plain ones too, ADR 0058).
/// </remarks>
public sealed class SqliteKeptStatements : DbCommandInterceptor, IDisposable
{
    /// <summary>The statements one connection keeps; the least recently used goes when another comes.</summary>
    internal const int MaxStatementsPerConnection = 64;

    // Statements found unpreparable are remembered so as not to try again; bounded, since each is a distinct text.
    private const int MaxLeftToEf = 256;

    private readonly string _connectionString;
    private readonly IdleConnections<KeptConnection> _connections = new();
    private readonly ConcurrentDictionary<string, bool> _leftToEf = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbDataReader, Lease> _leases = new();
    private int _prepared;

    public SqliteKeptStatements(string connectionString) =>
        _connectionString = PreparedSqliteResourceReader.KeptConnectionString(connectionString);

    /// <summary>How many statements were prepared so far, on every connection: what tests read to see one kept.</summary>
    internal int Prepared => Volatile.Read(ref _prepared);

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Execute(command, eventData, result, CancellationToken.None);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Execute(command, eventData, result, cancellationToken));

    /// <remarks>
    /// EF has closed the reader by now (which resets the statement); it is disposed here too, before its connection goes
    /// back, and EF's own dispose after this finds it closed. Not suppressed: EF still disposes its command and closes
    /// its own connection.
    /// </remarks>
    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (_leases.TryGetValue(eventData.DataReader, out var lease))
        {
            _leases.Remove(eventData.DataReader);
            eventData.DataReader.Dispose();
            lease.End();
            _connections.Return(lease.Connection);
        }

        return result;
    }

    public void Dispose() => _connections.Dispose();

    private InterceptionResult<DbDataReader> Execute(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken)
    {
        if (result.HasResult || _connections.IsDisposed || eventData.CommandSource != CommandSource.LinqQuery || command.Transaction is not null
            || _leftToEf.ContainsKey(command.CommandText))
        {
            return result;
        }

        var connection = _connections.Rent(() => new KeptConnection(PreparedSqliteResourceReader.OpenConnection(_connectionString)));
        SqliteCommand statement;
        try
        {
            statement = connection.StatementFor(command.CommandText, out var preparedNow);
            if (preparedNow)
            {
                Interlocked.Increment(ref _prepared);
            }
        }
        catch (SqliteException)
        {
            // EF's own connection has what this one lacks (its functions): the statement stays EF's.
            _connections.Return(connection);
            if (_leftToEf.Count < MaxLeftToEf)
            {
                _leftToEf.TryAdd(command.CommandText, true);
            }

            return result;
        }

        var interruption = default(CancellationTokenRegistration);
        try
        {
            // Dropped again when the reader is disposed.
            KeptConnection.Bind(statement, command);
            interruption = SqliteStatementInterruption.InterruptOnCancel(connection.Connection, cancellationToken);
            var reader = statement.ExecuteReader(CommandBehavior.Default);
            _leases.Add(reader, new Lease(connection, statement, interruption));
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch
        {
            interruption.Dispose();
            statement.Parameters.Clear();

            // A connection that failed mid-statement is not trusted with the next one.
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A reader handed to EF: the connection it runs on, until EF disposes it.</summary>
    private sealed record Lease(KeptConnection Connection, SqliteCommand Statement, CancellationTokenRegistration Interruption)
    {
        public void End()
        {
            Interruption.Dispose();
            Statement.Parameters.Clear();
        }
    }
}
