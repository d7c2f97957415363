using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Users;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// Saves on a real SQLite file that wait while another is written are committed with it, each in a savepoint of its own, on
/// a writer that keeps its statements prepared: one that fails is rolled back alone, one withdrawn while waiting writes
/// nothing, and a transaction that SQLite rolled back whole is never run on as if it were open.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    // Far below the writer's turn's own wait (30 s): a group that never ended shows as a timeout here.
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Expiry = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private MigratedSqliteFile _file = null!;

    public async Task InitializeAsync() => _file = await MigratedSqliteFile.CreateAsync("group-commit");

    public async Task DisposeAsync() => await _file.DisposeAsync();

    private SqliteGroupCommit Group => SqliteGroupCommit.For(_file.ConnectionString);

    [Fact]
    public async Task Saves_that_wait_while_the_turn_is_taken_share_one_commit_and_their_contexts_work_alone_after()
    {
        var firstSaved = new TaskCompletionSource();
        var firsts = 0;
        var saves = await WhileTheTurnIsTaken(() => Enumerable.Range(0, 12).Select(async i =>
        {
            await using var db = _file.NewContext(keptWrites: true);
            await SaveAsync(db, $"first-{i}");
            if (Interlocked.Increment(ref firsts) == 12)
            {
                // Twelve inserts of one text on the group's writer: one statement prepared, kept for the other eleven.
                Group.WriterPrepared.ShouldBe(1);
                firstSaved.SetResult();
            }

            await firstSaved.Task;

            // The context has its own connection again: it reads, and saves in a group of its own.
            (await db.RevokedAccessTokens.CountAsync(t => t.Jti == $"first-{i}")).ShouldBe(1);
            await SaveAsync(db, $"second-{i}");
        }).ToList());
        await Task.WhenAll(saves).WaitAsync(Soon);

        var (commits, saved) = Group.Committed;
        saved.ShouldBe(24);
        commits.ShouldBeLessThanOrEqualTo(13, "the twelve first saves waited for one turn and were committed together");
        (await CountAsync()).ShouldBe(24);
    }

    [Fact]
    public async Task A_save_that_fails_in_a_group_is_rolled_back_alone()
    {
        await using (var db = _file.NewContext(keptWrites: true))
        {
            await SaveAsync(db, "taken");
        }

        var before = Group.Committed;
        var commitsWhenRefused = -1L;
        var saves = await WhileTheTurnIsTaken(() =>
        [
            SaveNewAsync("taken"), // the leader: a duplicate key
            SaveNewAsync("kept-1"),
            RefusedAsync(),
            SaveNewAsync("kept-2"),
        ]);

        await Should.ThrowAsync<DbUpdateException>(saves[0]).WaitAsync(Soon);
        await saves[1].WaitAsync(Soon);
        (await Should.ThrowAsync<InvalidOperationException>(saves[2]).WaitAsync(Soon)).Message.ShouldBe("refused after its insert");
        await saves[3].WaitAsync(Soon);
        (await JtisAsync()).ShouldBe(["kept-1", "kept-2", "taken"], ignoreOrder: true);
        var after = Group.Committed;
        (after.Commits - before.Commits).ShouldBe(1);
        (after.Saves - before.Saves).ShouldBe(2);

        // Its caller heard of it only once the group had committed (the save after it too): a retry reads what beat it.
        (commitsWhenRefused - before.Commits).ShouldBe(1);

        async Task RefusedAsync()
        {
            var db = _file.NewContext(keptWrites: true);
            try
            {
                await SaveAsync(db, "refused", _ => throw new InvalidOperationException("refused after its insert"));
            }
            catch (InvalidOperationException)
            {
                // Read as the exception arrives, before anything else here awaits.
                commitsWhenRefused = Group.Committed.Commits;
                throw;
            }
            finally
            {
                await db.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_save_cancelled_while_it_waits_writes_nothing_and_the_group_goes_on()
    {
        using var cancellation = new CancellationTokenSource();
        var saves = await WhileTheTurnIsTaken(
            () => [SaveNewAsync("leader"), SaveNewAsync("cancelled", cancellationToken: cancellation.Token), SaveNewAsync("after")],
            thenWhileTaken: cancellation.Cancel);

        await Should.ThrowAsync<OperationCanceledException>(saves[1]).WaitAsync(Soon);
        await Task.WhenAll(saves[0], saves[2]).WaitAsync(Soon);
        (await JtisAsync()).ShouldBe(["after", "leader"], ignoreOrder: true);
    }

    // SQLite rolls a whole transaction back on some errors (a full disk, an I/O error); here a save does it itself. The saves
    // already in the group fail with it, and those still waiting are not run in what would be autocommit mode (each would
    // commit alone and its caller be told it failed): they are saved by the next group.
    [Fact]
    public async Task A_group_whose_transaction_was_rolled_back_whole_fails_its_saves_and_the_waiting_ones_go_to_the_next()
    {
        var saves = await WhileTheTurnIsTaken(() =>
        [
            SaveNewAsync("lost-leader"),
            RollBackWholeAsync(),
            SaveNewAsync("waiting-1"),
            SaveNewAsync("waiting-2"),
        ]);

        await Should.ThrowAsync<Exception>(saves[0]).WaitAsync(Soon);
        (await Should.ThrowAsync<InvalidOperationException>(saves[1]).WaitAsync(Soon)).Message.ShouldBe("rolled back whole");
        await Task.WhenAll(saves[2], saves[3]).WaitAsync(Soon);
        (await JtisAsync()).ShouldBe(["waiting-1", "waiting-2"], ignoreOrder: true);

        async Task RollBackWholeAsync()
        {
            await using var db = _file.NewContext(keptWrites: true);
            db.RevokedAccessTokens.Add(RevokedAccessToken.Create("rolls-back", Expiry));
            await db.SaveChangesAsync(
                async token =>
                {
                    await db.Database.ExecuteSqlRawAsync("ROLLBACK;", token);
                    throw new InvalidOperationException("rolled back whole");
                },
                CancellationToken.None);
        }
    }

    private async Task<List<Task>> WhileTheTurnIsTaken(Func<List<Task>> start, Action? thenWhileTaken = null)
    {
        await using var holder = _file.NewContext(keptWrites: true);
        var held = await holder.BeginWriteTransactionAsync(CancellationToken.None);
        List<Task> started;
        try
        {
            // Each save asks for the turn or queues before its first await, so they are taken in this order.
            started = start();
            await Task.Delay(200);
            started.ShouldAllBe(save => !save.IsCompleted, "no save ends while another writer holds the turn");
            thenWhileTaken?.Invoke();
            await Task.Delay(100);
        }
        finally
        {
            await held.DisposeAsync();
        }

        return started;
    }

    private async Task SaveNewAsync(string jti, Func<CancellationToken, Task>? beforeCommit = null, CancellationToken cancellationToken = default)
    {
        await using var db = _file.NewContext(keptWrites: true);
        await SaveAsync(db, jti, beforeCommit, cancellationToken);
    }

    private static async Task SaveAsync(
        SqliteAppDbContext db, string jti, Func<CancellationToken, Task>? beforeCommit = null, CancellationToken cancellationToken = default)
    {
        db.RevokedAccessTokens.Add(RevokedAccessToken.Create(jti, Expiry));
        await db.SaveChangesAsync(beforeCommit ?? (_ => Task.CompletedTask), cancellationToken);
    }

    private async Task<int> CountAsync()
    {
        await using var db = _file.NewContext(keptWrites: true);
        return await db.RevokedAccessTokens.CountAsync();
    }

    private async Task<List<string>> JtisAsync()
    {
        await using var db = _file.NewContext(keptWrites: true);
        return await db.RevokedAccessTokens.Select(t => t.Jti).ToListAsync();
    }
}
