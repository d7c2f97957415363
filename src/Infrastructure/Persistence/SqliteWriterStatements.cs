using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Runs EF's save commands on a group commit's writer connection as statements kept prepared on it: a creation's insert
/// batch (and the triggers it compiles) is prepared once per writer, not once per save (docs/decisions/0047-group-commit.md).
/// </summary>
/// <remarks>
/// The same move as <see cref="SqliteKeptStatements"/> makes for reads: EF builds the command, the kept statement is bound to
/// the command's own parameters and transaction, and its reader is handed back to EF; the parameters are dropped when EF
/// disposes the reader. Commands on any other connection, and a text SQLite cannot prepare there, are left to EF.
/// </remarks>
public sealed class SqliteWriterStatements : DbCommandInterceptor
{
    private static readonly ConditionalWeakTable<SqliteConnection, KeptConnection> Writers = new();

    private readonly ConditionalWeakTable<DbDataReader, SqliteCommand> _leases = new();

    public static SqliteWriterStatements Instance { get; } = new();

    /// <summary>Marks <paramref name="writer"/>'s connection as a writer whose statements are kept, until <see cref="Forget"/>.</summary>
    internal static void Keep(KeptConnection writer) => Writers.AddOrUpdate(writer.Connection, writer);

    internal static void Forget(KeptConnection writer) => Writers.Remove(writer.Connection);

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) => Execute(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Execute(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        ExecuteNonQuery(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ExecuteNonQuery(command, result));

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (_leases.TryGetValue(eventData.DataReader, out var statement))
        {
            _leases.Remove(eventData.DataReader);
            eventData.DataReader.Dispose();
            statement.Parameters.Clear();
        }

        return result;
    }

    private InterceptionResult<DbDataReader> Execute(DbCommand command, InterceptionResult<DbDataReader> result)
    {
        if (result.HasResult || KeptStatementFor(command) is not { } statement)
        {
            return result;
        }

        try
        {
            var reader = statement.ExecuteReader(CommandBehavior.Default);
            _leases.Add(reader, statement);
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch
        {
            statement.Parameters.Clear();
            throw;
        }
    }

    private static InterceptionResult<int> ExecuteNonQuery(DbCommand command, InterceptionResult<int> result)
    {
        if (result.HasResult || KeptStatementFor(command) is not { } statement)
        {
            return result;
        }

        try
        {
            return InterceptionResult<int>.SuppressWithResult(statement.ExecuteNonQuery());
        }
        finally
        {
            statement.Parameters.Clear();
        }
    }

    /// <summary>The kept statement for a command in a writer's transaction, bound to its parameters; null to leave it to EF.</summary>
    private static SqliteCommand? KeptStatementFor(DbCommand command)
    {
        if (command.Connection is not SqliteConnection connection || !Writers.TryGetValue(connection, out var writer)
            || command.Transaction is not SqliteTransaction transaction)
        {
            return null;
        }

        SqliteCommand statement;
        try
        {
            statement = writer.StatementFor(command.CommandText, out _);
        }
        catch (SqliteException)
        {
            return null;
        }

        statement.Transaction = transaction;
        return KeptConnection.Bind(statement, command);
    }
}
