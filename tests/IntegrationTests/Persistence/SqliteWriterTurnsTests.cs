using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// One process's write transactions on a real SQLite file queue for their turn instead of polling SQLite's lock, and every
/// way out of a transaction's scope gives the turn back.
/// </summary>
public sealed class SqliteWriterTurnsTests : IAsyncLifetime
{
    // Far below the turn's own wait (30 s): a turn that was not given back shows as a timeout here.
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    private MigratedSqliteFile _file = null!;

    public async Task InitializeAsync() => _file = await MigratedSqliteFile.CreateAsync("writer-turns");

    public async Task DisposeAsync() => await _file.DisposeAsync();

    [Fact]
    public async Task Writers_that_find_the_turn_taken_get_it_in_the_order_they_asked()
    {
        await using var holder = NewContext();
        var held = await holder.BeginWriteTransactionAsync(CancellationToken.None);
        var order = new ConcurrentQueue<int>();

        // Each call queues for its turn before it first awaits, so the writers below wait in this order.
        var writers = Enumerable.Range(0, 12).Select(WriteInTurnAsync).ToList();
        await Task.Delay(200);
        order.ShouldBeEmpty("no writer starts while another holds the turn");
        await held.CommitAsync(CancellationToken.None);
        await held.DisposeAsync();
        await Task.WhenAll(writers).WaitAsync(Soon);

        order.ShouldBe(Enumerable.Range(0, 12));
        (await holder.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM LiveBucketCounts").SingleAsync()).ShouldBe(12);

        async Task WriteInTurnAsync(int writer)
        {
            await using var db = NewContext();
            await using var transaction = await db.BeginWriteTransactionAsync(CancellationToken.None);
            order.Enqueue(writer);
            await db.Database.ExecuteSqlAsync($"INSERT INTO LiveBucketCounts (OwnerId, Live) VALUES ({Guid.NewGuid()}, {writer});");
            await transaction.CommitAsync(CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("committed")]
    [InlineData("left uncommitted")]
    [InlineData("failed")]
    public async Task Every_way_out_of_a_write_transaction_gives_the_turn_to_the_next_writer(string ending)
    {
        await using (var first = NewContext())
        {
            try
            {
                await using var transaction = await first.BeginWriteTransactionAsync(CancellationToken.None);
                switch (ending)
                {
                    case "committed":
                        await transaction.CommitAsync(CancellationToken.None);
                        break;
                    case "failed":
                        await first.Database.ExecuteSqlRawAsync("INSERT INTO NoSuchTable VALUES (1);");
                        break;
                }
            }
            catch (SqliteException) when (ending == "failed")
            {
            }
        }

        await using var next = NewContext();
        await using var started = await next.BeginWriteTransactionAsync(CancellationToken.None).WaitAsync(Soon);
        await started.CommitAsync(CancellationToken.None);
    }

    // Requests are cancelled at any point when their clients go away: wherever a writer is cut off, its turn comes back.
    [Fact]
    public async Task Writers_cancelled_at_any_point_leave_the_turn_free()
    {
        var random = new Random(20261205);
        var cancelled = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var i = 0; i < 40; i++)
            {
                using var cancellation = new CancellationTokenSource(TimeSpan.FromTicks(random.Next(0, 20_000)));
                try
                {
                    await using var db = NewContext();
                    await using var transaction = await db.BeginWriteTransactionAsync(cancellation.Token);
                    await db.Database.ExecuteSqlAsync($"INSERT INTO LiveBucketCounts (OwnerId, Live) VALUES ({Guid.NewGuid()}, {worker});", cancellation.Token);
                    await transaction.CommitAsync(cancellation.Token);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                }
            }
        })).WaitAsync(TimeSpan.FromSeconds(60));

        cancelled.ShouldBeGreaterThan(0, "some writers were cut off");
        await using var next = NewContext();
        await using var started = await next.BeginWriteTransactionAsync(CancellationToken.None).WaitAsync(Soon);
        await started.CommitAsync(CancellationToken.None);
    }

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite(_file.ConnectionString)
            .UseFieldEncryption(new DesignTimeFieldEncryptor())
            .Options);
}
