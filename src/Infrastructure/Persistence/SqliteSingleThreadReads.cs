using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// The prepared reader's calls into SQLite without what they paid for being shareable between threads
/// (docs/decisions/0060-reads-on-one-thread-at-a-time.md): its connections are opened without SQLite's connection mutex,
/// and a row's columns are read by SQLite's column functions on the statement's pointer, not through SQLitePCL.raw's
/// handle, whose reference count is taken and released around every call.
/// </summary>
/// <remarks>
/// Both rest on one rule the reader keeps: a connection and its statements are used by one read at a time and disposed
/// together (<see cref="IdleConnections{T}"/> hands a connection to one read, and only an idle or failed one is disposed).
/// SQLite's column functions neither block nor call back on such a connection, so they run without the runtime's
/// transition into native code. Writers and EF's connections keep SQLite's serialized mode.
/// </remarks>
internal static partial class SqliteSingleThreadReads
{
    // The library SQLitePCL.raw's bundled provider imports, resolved the same way: one copy of SQLite in the process.
    private const string Library = "e_sqlite3";

    /// <summary>
    /// Opens the file of <paramref name="connectionString"/> read-only, without SQLite's connection mutex, with the page
    /// cache, memory map and lock wait every connection of the service has (<see cref="SqliteConnectionMemory"/>).
    /// </summary>
    public static sqlite3 OpenReadOnly(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var flags = raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX | raw.SQLITE_OPEN_PRIVATECACHE;
        if (file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            flags |= raw.SQLITE_OPEN_URI;
        }

        var rc = raw.sqlite3_open_v2(file, out var connection, flags, null);
        try
        {
            Check(rc, connection);
            // SQLite waits for a lock as a Microsoft.Data.Sqlite command would (its own retry), for the same 30 s.
            Check(raw.sqlite3_busy_timeout(connection, 30_000), connection);
            Check(raw.sqlite3_exec(connection, SqliteConnectionMemory.Pragma), connection);
            return connection;
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>Whether the column of the current row is NULL.</summary>
    public static bool IsNull(nint statement, int column) => ColumnType(statement, column) == raw.SQLITE_NULL;

    /// <summary>
    /// A TEXT or BLOB column's bytes where SQLite holds them, valid until the statement steps or resets: SQLite returns a
    /// TEXT column's UTF-8 as it is when asked for a blob.
    /// </summary>
    public static unsafe ReadOnlySpan<byte> Bytes(nint statement, int column)
    {
        // SQLite's order: the pointer first, then its length.
        var bytes = ColumnBlob(statement, column);
        var length = ColumnBytes(statement, column);
        return bytes == 0 ? [] : new ReadOnlySpan<byte>((void*)bytes, length);
    }

    public static long Int64(nint statement, int column) => ColumnInt64(statement, column);

    public static int Int32(nint statement, int column) => ColumnInt(statement, column);

    /// <summary>SQLite's error for the code, with the connection's message, as Microsoft.Data.Sqlite raises it.</summary>
    public static void Check(int rc, sqlite3? connection)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, connection);
        }
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [SuppressGCTransition]
    private static partial int ColumnType(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    [SuppressGCTransition]
    private static partial nint ColumnBlob(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    private static partial int ColumnBytes(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    private static partial long ColumnInt64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int")]
    [SuppressGCTransition]
    private static partial int ColumnInt(nint statement, int column);
}
