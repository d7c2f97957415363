using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// An open connection and the statements prepared on it (keyed by EF's text, the least recently used finalized when
/// another comes), used by one caller at a time: a kept reader connection (<see cref="SqliteKeptStatements"/>) or a group
/// commit's writer (<see cref="SqliteGroupCommit"/>). A statement is prepared with its LIMIT left unread by the planner
/// (<see cref="SqliteLimitParameters"/>), so that binding it does not prepare it again.
/// </summary>
internal sealed class KeptConnection : IDisposable
{
    private readonly Dictionary<string, LinkedListNode<(string Sql, SqliteCommand Statement)>> _statements = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Sql, SqliteCommand Statement)> _recent = new();

    public KeptConnection(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>
    /// Binds EF's own command to a kept statement: its parameters (dropped again with <c>Parameters.Clear()</c> when the
    /// statement is done) and its timeout, as EF would have bound them to its command.
    /// </summary>
    public static SqliteCommand Bind(SqliteCommand statement, DbCommand command)
    {
        statement.CommandTimeout = command.CommandTimeout;
        foreach (SqliteParameter parameter in command.Parameters)
        {
            statement.Parameters.Add(parameter);
        }

        return statement;
    }

    /// <summary>How many statements were prepared on this connection so far.</summary>
    public int Prepared { get; private set; }

    /// <summary>This text's statement, prepared on first use (<paramref name="preparedNow"/>), most recently used first.</summary>
    public SqliteCommand StatementFor(string sql, out bool preparedNow)
    {
        preparedNow = false;
        if (_statements.TryGetValue(sql, out var node))
        {
            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value.Statement;
        }

        var statement = Connection.CreateCommand();
        try
        {
            statement.CommandText = SqliteLimitParameters.Unread(sql);
            statement.Prepare();
        }
        catch
        {
            statement.Dispose();
            throw;
        }

        Prepared++;
        preparedNow = true;
        if (_statements.Count >= SqliteKeptStatements.MaxStatementsPerConnection && _recent.Last is { } oldest)
        {
            _statements.Remove(oldest.Value.Sql);
            _recent.RemoveLast();
            oldest.Value.Statement.Dispose();
        }

        _statements[sql] = _recent.AddFirst((sql, statement));
        return statement;
    }

    public void Dispose()
    {
        foreach (var (_, statement) in _recent)
        {
            statement.Dispose();
        }

        Connection.Dispose();
    }
}
