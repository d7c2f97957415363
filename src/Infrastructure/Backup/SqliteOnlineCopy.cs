using Microsoft.Data.Sqlite;
using Orchestrator.Infrastructure.Storage;

namespace Orchestrator.Infrastructure.Backup;

/// <summary>
/// A consistent copy of a live SQLite database with SQLite's online backup API, all pages in one step: the copy is one
/// read transaction, so it is the database as of one moment, and writers wait only while pages are copied (they retry
/// through their busy timeout). <c>VACUUM INTO</c> would also be consistent, but rebuilds every table and index while
/// holding that read lock, which keeps writers waiting longer (docs/decisions/0033-backup-restore-and-retention.md).
/// </summary>
public static class SqliteOnlineCopy
{
    private const int BusyRetries = 20;

    public static void Copy(string sourceFile, string destinationFile)
    {
        OwnerOnlyAccess.CreateFileIfMissing(destinationFile);
        var source = new SqliteConnectionStringBuilder { DataSource = sourceFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 };
        var destination = new SqliteConnectionStringBuilder { DataSource = destinationFile, Pooling = false };
        using var from = new SqliteConnection(source.ToString());
        using var to = new SqliteConnection(destination.ToString());
        from.Open();
        to.Open();
        Execute(from, "PRAGMA busy_timeout = 30000;");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                from.BackupDatabase(to);
                break;
            }
            catch (SqliteException exception) when (exception.SqliteErrorCode is 5 or 6 && attempt < BusyRetries)
            {
                // SQLITE_BUSY / SQLITE_LOCKED: a writer held the database longer than the busy timeout; try again.
                Thread.Sleep(100 * attempt);
            }
        }

        var check = Scalar(to, "PRAGMA integrity_check;");
        if (!string.Equals(check, "ok", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The copy of the database fails SQLite's integrity check: {check}");
        }
    }

    /// <summary>SQLite's own verdict on a database file: "ok" or the first problem it found.</summary>
    public static string IntegrityCheck(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return Scalar(connection, "PRAGMA integrity_check;");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
