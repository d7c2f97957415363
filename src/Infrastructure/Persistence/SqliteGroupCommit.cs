using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Saves that arrive while another is being written are committed with it (docs/decisions/0047-group-commit.md). The first
/// save leads: it takes the writer's turn, begins one transaction, saves, then hands the transaction to each save that has
/// waited meanwhile, in arrival order and up to <see cref="MaxSaves"/>, and commits once for all of them. Every save runs in a
/// savepoint of its own, so one that fails (a constraint, a refused check) is rolled back and fails alone; each runs on its
/// own caller's flow, so what it reads from its request (the user an audit row records) stays its own. A save waiting for
/// the next group leads it.
/// </summary>
internal sealed class SqliteGroupCommit
{
    // A group's saves wait for its commit: this bounds how long the first of them waits for the last.
    internal const int MaxSaves = 32;
    private const string Savepoint = "grouped_save";

    private static readonly ConcurrentDictionary<string, SqliteGroupCommit> ByFile = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private readonly LinkedList<WaitingSave> _waiting = [];
    private bool _led;
    private long _commits;
    private long _savesCommitted;

    private SqliteGroupCommit()
    {
    }

    /// <summary>The group commits of the file a connection string names (every context of this process on it shares them).</summary>
    public static SqliteGroupCommit For(string connectionString) =>
        ByFile.GetOrAdd(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource), _ => new SqliteGroupCommit());

    /// <summary>Commits so far, and the saves they carried (their ratio is the group size).</summary>
    internal (long Commits, long Saves) Committed => (Interlocked.Read(ref _commits), Interlocked.Read(ref _savesCommitted));

    /// <summary>
    /// Whether <paramref name="context"/> can lend its connection to a group: nothing open on it, no transaction of its own.
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
        var members = new List<WaitingSave>();
        var ownCount = 0;
        Exception? ownFailure = null;
        Exception? commitFailure = null;
        try
        {
            await using var transaction = await own.Context.BeginWriteTransactionAsync(cancellationToken);
            var connection = (SqliteConnection)own.Context.Database.GetDbConnection();
            var group = new GroupTransaction(connection, own.Context.Database.CurrentTransaction!.GetDbTransaction());
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
            HandOver();
        }

        foreach (var member in members)
        {
            if (commitFailure is null)
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
                // Forgets the borrowed transaction and connection (neither is closed: the leader's context owns them).
                database.SetDbConnection(null, contextOwnsConnection: true);
                database.SetConnectionString(connectionString);
            }
        }
        catch
        {
            save.Saved.TrySetResult(false);
            throw;
        }

        save.Saved.TrySetResult(true);
        await save.Committed.Task;
        return count;
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

    /// <summary>The group is over (its turn given back): the save that waited longest leads the next, or none is led.</summary>
    private void HandOver()
    {
        WaitingSave? next;
        lock (_gate)
        {
            next = _waiting.First?.Value;
            if (next is null)
            {
                _led = false;
            }
            else
            {
                _waiting.RemoveFirst();
            }
        }

        next?.Called.TrySetResult(null);
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

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
