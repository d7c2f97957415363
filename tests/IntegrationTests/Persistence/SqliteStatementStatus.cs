using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>What SQLite counts of the statements prepared on a connection.</summary>
internal static class SqliteStatementStatus
{
    // SQLITE_STMTSTATUS_REPREPARE: how often SQLite parsed and planned the statement again since it was prepared.
    private const int Reprepare = 5;

    /// <summary><paramref name="connection"/>, just opened, with the statements prepared on it from now on listed (<see cref="Reprepared"/>).</summary>
    public static SqliteConnection Tracked(SqliteConnection connection)
    {
        connection.Handle!.enable_sqlite3_next_stmt(true);
        return connection;
    }

    /// <summary>Each statement prepared on a <see cref="Tracked"/> connection, its text, and how often it was prepared again.</summary>
    public static List<(string Sql, int Reprepared)> Reprepared(SqliteConnection connection)
    {
        var statements = new List<(string, int)>();
        for (var statement = raw.sqlite3_next_stmt(connection.Handle, null); statement is not null;
             statement = raw.sqlite3_next_stmt(connection.Handle, statement))
        {
            statements.Add((raw.sqlite3_sql(statement).utf8_to_string(), raw.sqlite3_stmt_status(statement, Reprepare, 0)));
        }

        return statements;
    }
}
