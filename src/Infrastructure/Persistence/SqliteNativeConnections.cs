using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Applies a per-connection setting on the first open of a native SQLite connection and not on its later opens out of
/// Microsoft.Data.Sqlite's pool, which keep it: EF opens and closes a connection around every query.
/// </summary>
/// <remarks>
/// A pooled <see cref="SqliteConnection"/> hands out the same native handle until the pool closes it; a new native
/// connection has a new handle. The handles are held weakly: a closed one is forgotten with it. A native connection is
/// used by one open connection at a time, so the check and the mark cannot race for it.
/// </remarks>
internal sealed class SqliteNativeConnections(Action<SqliteConnection> apply)
{
    private static readonly object Applied = new();

    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _applied = new();

    /// <summary>Applies the setting unless this open connection's native connection already has it.</summary>
    public void ApplyOnce(SqliteConnection connection)
    {
        if (connection.Handle is { } handle && _applied.TryGetValue(handle, out _))
        {
            return;
        }

        apply(connection);
        if (connection.Handle is { } applied)
        {
            _applied.AddOrUpdate(applied, Applied);
        }
    }
}
