using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// One process's write transactions on a real SQLite file queue for their turn instead of polling SQLite's lock, and every
/// way a transaction ends gives the turn back.
/// </summary>
public sealed class SqliteWriterTurnsTests : IAsyncLifetime
{
    // Far below the turn's own wait (30 s): a turn that was not given back shows as a timeout here.
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    private readonly SqliteWriterTurns _turns = new();
    private MigratedSqliteFile _file = null!;

    public async Task InitializeAsync() => _file = await MigratedSqliteFile.CreateAsync("writer-turns");

    public async Task DisposeAsync() => await _file.DisposeAsync();

    [Fact]
    public async Task Writers_that_find_the_turn_taken_get_it_in_the_order_they_asked()
    {
        await using var holder = NewContext();
        var held = await holder.Database.BeginTransactionAsync();
        var order = new ConcurrentQueue<int>();

        // Each call queues for its turn before it first awaits, so the writers below wait in this order.
        var writers = Enumerable.Range(0, 12).Select(WriteInTurnAsync).ToList();
        await Task.Delay(200);
        order.ShouldBeEmpty("no writer starts while another holds the turn");
        await held.CommitAsync();
        await held.DisposeAsync();
        await Task.WhenAll(writers).WaitAsync(Soon);

        order.ShouldBe(Enumerable.Range(0, 12));
        (await holder.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM LiveBucketCounts").SingleAsync()).ShouldBe(12);

        async Task WriteInTurnAsync(int writer)
        {
            await using var db = NewContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            order.Enqueue(writer);
            await db.Database.ExecuteSqlAsync($"INSERT INTO LiveBucketCounts (OwnerId, Live) VALUES ({Guid.NewGuid()}, {writer});");
            await transaction.CommitAsync();
        }
    }

    [Theory]
    [InlineData("commit")]
    [InlineData("rollback")]
    [InlineData("dispose")]
    public async Task Every_way_a_transaction_ends_gives_the_turn_to_the_next_writer(string ending)
    {
        await using (var first = NewContext())
        {
            var transaction = await first.Database.BeginTransactionAsync();
            switch (ending)
            {
                case "commit":
                    await transaction.CommitAsync();
                    break;
                case "rollback":
                    await transaction.RollbackAsync();
                    break;
            }

            // Disposed without an end of its own: SQLite rolls it back and the connection closes.
            await transaction.DisposeAsync();
        }

        await using var next = NewContext();
        await using var started = await next.Database.BeginTransactionAsync().WaitAsync(Soon);
        await started.CommitAsync();
    }

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite(_file.ConnectionString)
            .AddInterceptors(_turns)
            .UseFieldEncryption(new DesignTimeFieldEncryptor())
            .Options);
}
