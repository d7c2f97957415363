using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Stops a running SQLite statement when the token its command was started with is cancelled (the client went away,
/// or the caller gave up): SQLite itself never looks at a .NET token, so without this a count over a large table runs
/// to its end for nobody while holding a connection and a read snapshot (docs/decisions/0038-statements-stop-with-their-request.md).
/// </summary>
/// <remarks>
/// Queries only (LINQ and raw SQL reads, not saves or set-based writes): the token is tied to the connection's
/// <c>sqlite3_interrupt</c> from the moment the command starts until its reader is disposed or the command fails. Disposing the registration waits for a callback
/// already running, so an interrupt never reaches the connection after it went back to the pool; and an interrupt
/// with no statement running is a no-op in SQLite.
/// </remarks>
internal sealed class SqliteStatementInterruption : DbCommandInterceptor
{
    private static readonly ConditionalWeakTable<DbCommand, Registration> Registrations = new();

    public static SqliteStatementInterruption Instance { get; } = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // Reads only: a write interrupted half way would roll back a change its caller may already count on. A read that
        // another interceptor already ran elsewhere (SqliteKeptStatements) runs nothing on this command's connection.
        if (!result.HasResult && eventData.CommandSource is CommandSource.LinqQuery or CommandSource.FromSqlQuery)
        {
            Register(command, cancellationToken);
        }

        return ValueTask.FromResult(result);
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(command);
        return Task.CompletedTask;
    }

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(command);
        return Task.CompletedTask;
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Release(command);
        return result;
    }

    /// <summary>
    /// Interrupts whatever <paramref name="connection"/> runs when <paramref name="cancellationToken"/> is cancelled, until the
    /// registration is disposed (which waits for a callback already running); nothing when the token cannot be cancelled.
    /// </summary>
    internal static CancellationTokenRegistration InterruptOnCancel(SqliteConnection connection, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled && connection.Handle is { } handle
            ? cancellationToken.UnsafeRegister(static state => SQLitePCL.raw.sqlite3_interrupt((SQLitePCL.sqlite3)state!), handle)
            : default;

    private static void Register(DbCommand command, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || command.Connection is not SqliteConnection connection)
        {
            return;
        }

        Registrations.AddOrUpdate(command, new Registration(InterruptOnCancel(connection, cancellationToken)));
    }

    private static void Release(DbCommand command)
    {
        if (Registrations.TryGetValue(command, out var registration))
        {
            Registrations.Remove(command);
            registration.Token.Dispose();
        }
    }

    private sealed record Registration(CancellationTokenRegistration Token);
}
