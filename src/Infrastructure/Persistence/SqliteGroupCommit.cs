using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Saves that arrive while another is being written are committed with it (docs/decisions/0047-group-commit.md). The first
/// save leads: it takes the writer's turn, begins one transaction, saves, then hands the transaction to each save that has
/// waited meanwhile, in arrival order and up to <see cref="MaxSaves"/>, and commits once for all of them. Every save runs in a
/// savepoint of its own, so one that fails (a constraint, a refused check) is rolled back and fails alone; each runs on its
/// own caller's flow, so what it reads from its request (the user an audit row records) stays its own. A save waiting for
/// the next group leads it. Groups run on one writer connection kept open while saves keep coming, so that their statements
/// stay prepared (<see cref="SqliteWriterStatements"/>).
/// </summary>
internal sealed class SqliteGroupCommit
{
    // A group's saves wait for its commit: this bounds how long the first of them waits for the last.
    internal const int MaxSaves = 32;

    // How long the writer stays open with no group: under load groups follow each other; an idle process keeps nothing open.
    private static readonly TimeSpan WriterIdleTime = TimeSpan.FromSeconds(2);
    private const string Savepoint = "grouped_save";

    private static readonly ConcurrentDictionary<string, SqliteGroupCommit> ByFile = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private readonly LinkedList<WaitingSave> _waiting = [];
    private readonly Timer _idleWriter;
    private bool _led;
    private KeptConnection? _writer;
    private long _commits;
    private long _savesCommitted;

    private SqliteGroupCommit() => _idleWriter = new Timer(_ => CloseWriterIfIdle());

    /// <summary>The group commits of the file a connection string names (every context of this process on it shares them).</summary>
    public static SqliteGroupCommit For(string connectionString) =>
        ByFile.GetOrAdd(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource), _ => new SqliteGroupCommit());

    /// <summary>Commits so far, and the saves they carried (their ratio is the group size).</summary>
    internal (long Commits, long Saves) Committed => (Interlocked.Read(ref _commits), Interlocked.Read(ref _savesCommitted));

    /// <summary>How many statements the writer prepared since it was opened; null while it is closed.</summary>
    internal int? WriterPrepared
    {
        get
        {
            lock (_gate)
            {
                return _writer?.Prepared;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="context"/> can save in a group, on the group's connection: nothing open on its own, no
    /// transaction of its own.
    /// </summary>
    public static bool CanJoin(DbContext context) =>
        context.Database.CurrentTransaction is null && context.Database.GetDbConnection().State == ConnectionState.Closed;

    /// <summary>
    /// Saves <paramref name="context"/>'s changes (without accepting them) and runs <paramref name="beforeCommit"/> in a group's
    /// transaction, and returns once that transaction committed. <paramref name="cancellationToken"/> counts until the save
    /// starts: an interrupted write would roll back the whole group's transaction (SQLite), so a started save runs to its end.
    /// </summary>
    public async Task<int> SaveAsync(AppDbContext context, Func<CancellationToken, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        var save = new WaitingSave(context, beforeCommit);
        bool leads;
        lock (_gate)
        {
            leads = !_led;
            if (leads)
            {
                _led = true;
            }
            else
            {
                _waiting.AddLast(save.Node);
            }
        }

        if (!leads)
        {
            GroupTransaction? group;
            await using (cancellationToken.Register(() => Withdraw(save, cancellationToken)))
            {
                group = await save.Called.Task;
            }

            if (group is not null)
            {
                return await SaveInGroupAsync(save, group);
            }
        }

        return await LeadAsync(save, cancellationToken);
    }

    private async Task<int> LeadAsync(WaitingSave own, CancellationToken cancellationToken)
    {
        var called = new List<WaitingSave>();
        var members = new List<WaitingSave>();
        var ownCount = 0;
        Exception? ownFailure = null;
        Exception? commitFailure = null;
        var database = own.Context.Database;
        var connectionString = database.GetConnectionString();
        try
        {
            var writer = await WriterAsync(own.Context, cancellationToken);
            await using var transaction = await own.Context.BeginWriteTransactionAsync(cancellationToken);
            var connection = writer.Connection;
            var group = new GroupTransaction(connection, database.CurrentTransaction!.GetDbTransaction());
            try
            {
                ownCount = await SaveInSavepointAsync(own.Context, connection, own.BeforeCommit);
            }
            catch (Exception exception)
            {
                ownFailure = exception;
            }

            while (members.Count < MaxSaves - 1 && InTransaction(connection) && Next() is { } next)
            {
                next.Called.TrySetResult(group);
                called.Add(next);
                if (await next.Saved.Task)
                {
                    members.Add(next);
                }
            }

            if (ownFailure is null || members.Count > 0)
            {
                await transaction.CommitAsync(CancellationToken.None);
                Interlocked.Increment(ref _commits);
                Interlocked.Add(ref _savesCommitted, members.Count + (ownFailure is null ? 1 : 0));
            }
        }
        catch (Exception exception)
        {
            commitFailure = exception;
        }
        finally
        {
            // The writer stays open for the next group.
            GiveBackOwnConnection(database, connectionString);
            HandOver(keepWriter: commitFailure is null);
        }

        foreach (var member in called)
        {
            if (commitFailure is null || !members.Contains(member))
            {
                member.Committed.TrySetResult();
            }
            else
            {
                member.Committed.TrySetException(commitFailure);
            }
        }

        if (ownFailure is not null)
        {
            ExceptionDispatchInfo.Throw(ownFailure);
        }

        if (commitFailure is not null)
        {
            ExceptionDispatchInfo.Throw(commitFailure);
        }

        return ownCount;
    }

    /// <summary>A member's save, on its own flow: its context borrows the group's connection and transaction, then gets its own back.</summary>
    private static async Task<int> SaveInGroupAsync(WaitingSave save, GroupTransaction group)
    {
        var database = save.Context.Database;
        var connectionString = database.GetConnectionString();
        int count;
        try
        {
            try
            {
                database.SetDbConnection(group.Connection, contextOwnsConnection: false);
                await database.UseTransactionAsync(group.Transaction);
                count = await SaveInSavepointAsync(save.Context, group.Connection, save.BeforeCommit);
            }
            finally
            {
                GiveBackOwnConnection(database, connectionString);
            }
        }
        catch
        {
            // Told only once the group has committed: a caller that reads again and retries (a lost optimistic race) must
            // find the change that beat it, which until then is in the group's transaction alone.
            save.Saved.TrySetResult(false);
            await save.Committed.Task;
            throw;
        }

        save.Saved.TrySetResult(true);
        await save.Committed.Task;
        return count;
    }

    /// <summary>
    /// Forgets the group's connection and transaction, borrowed by <paramref name="database"/>'s context (neither is closed:
    /// the group owns them), and gives the context a connection of its own again, from its connection string.
    /// </summary>
    private static void GiveBackOwnConnection(DatabaseFacade database, string? connectionString)
    {
        database.SetDbConnection(null, contextOwnsConnection: true);
        database.SetConnectionString(connectionString);
    }

    private static async Task<int> SaveInSavepointAsync(AppDbContext context, SqliteConnection connection, Func<CancellationToken, Task>? beforeCommit)
    {
        var transaction = context.Database.CurrentTransaction!;
        var automaticSavepoints = context.Database.AutoSavepointsEnabled;
        context.Database.AutoSavepointsEnabled = false;
        try
        {
            await transaction.CreateSavepointAsync(Savepoint);
            try
            {
                var count = await context.SaveChangesAsync(acceptAllChangesOnSuccess: false);
                if (beforeCommit is not null)
                {
                    await beforeCommit(CancellationToken.None);
                }

                await transaction.ReleaseSavepointAsync(Savepoint);
                return count;
            }
            catch when (InTransaction(connection))
            {
                await transaction.RollbackToSavepointAsync(Savepoint);
                await transaction.ReleaseSavepointAsync(Savepoint);
                throw;
            }
        }
        finally
        {
            context.Database.AutoSavepointsEnabled = automaticSavepoints;
        }
    }

    // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction: no later save may run as if it were
    // still open, since outside a transaction each would commit on its own.
    private static bool InTransaction(SqliteConnection connection) =>
        connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;

    private WaitingSave? Next()
    {
        lock (_gate)
        {
            if (_waiting.First is not { } first)
            {
                return null;
            }

            _waiting.RemoveFirst();
            return first.Value;
        }
    }

    /// <summary>
    /// The writer connection, on <paramref name="context"/> (the leader's) from now until the group ends: opened by EF the first
    /// time, so that its connection settings and functions apply as on any of its connections, then kept open between groups,
    /// its statements prepared (<see cref="SqliteWriterStatements"/>). Only the leader touches it.
    /// </summary>
    private async Task<KeptConnection> WriterAsync(AppDbContext context, CancellationToken cancellationToken)
    {
        var database = context.Database;
        if (_writer is { } kept && kept.Connection.State == ConnectionState.Open)
        {
            database.SetDbConnection(kept.Connection, contextOwnsConnection: false);
            return kept;
        }

        CloseWriter();
        var connection = new SqliteConnection(database.GetConnectionString());
        database.SetDbConnection(connection, contextOwnsConnection: false);
        try
        {
            await database.OpenConnectionAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _writer = new KeptConnection(connection);
        SqliteWriterStatements.Keep(_writer);
        return _writer;
    }

    private void CloseWriter()
    {
        if (_writer is { } writer)
        {
            _writer = null;
            SqliteWriterStatements.Forget(writer);
            writer.Dispose();
        }
    }

    /// <summary>
    /// The group is over (its turn given back): the save that waited longest leads the next, or none is led and the writer is
    /// closed once it has stood idle a while; after a failed group it is closed at once.
    /// </summary>
    private void HandOver(bool keepWriter)
    {
        if (!keepWriter)
        {
            CloseWriter();
        }

        WaitingSave? next;
        lock (_gate)
        {
            next = _waiting.First?.Value;
            if (next is null)
            {
                _led = false;
                _idleWriter.Change(WriterIdleTime, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _waiting.RemoveFirst();
            }
        }

        next?.Called.TrySetResult(null);
    }

    /// <summary>
    /// Closes the writer unless a group is running on it: after it stood idle, and when the service stops (a stopped service
    /// leaves no connection of its own open on the file; closing the last one folds the log back into it).
    /// </summary>
    public void CloseWriterIfIdle()
    {
        // Only while no group is led: a leader takes the writer after taking the lead, under the same lock.
        lock (_gate)
        {
            if (!_led)
            {
                CloseWriter();
            }
        }
    }

    private void Withdraw(WaitingSave save, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (save.Node.List is null)
            {
                return;
            }

            _waiting.Remove(save.Node);
        }

        save.Called.TrySetCanceled(cancellationToken);
    }

    private sealed record GroupTransaction(SqliteConnection Connection, DbTransaction Transaction);

    private sealed class WaitingSave
    {
        public WaitingSave(AppDbContext context, Func<CancellationToken, Task>? beforeCommit)
        {
            Context = context;
            BeforeCommit = beforeCommit;
            Node = new LinkedListNode<WaitingSave>(this);
        }

        public AppDbContext Context { get; }

        public Func<CancellationToken, Task>? BeforeCommit { get; }

        public LinkedListNode<WaitingSave> Node { get; }

        /// <summary>The group's transaction to save in, or null: lead the next group.</summary>
        public TaskCompletionSource<GroupTransaction?> Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Whether the save is in the group's transaction (false: it failed and was rolled back).</summary>
        public TaskCompletionSource<bool> Saved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The group's end: committed (or failed, for a save in it); a save that failed alone learns it is over.</summary>
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
