using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// EF's reads outside a transaction run on connections that keep their statements prepared, on a real SQLite file:
/// prepared once, bound to each run's own values, never for a read that must see its transaction's writes, left to EF
/// when they need EF's own functions, and still stopped when their token is cancelled
/// (docs/decisions/0046-statements-kept-prepared.md).
/// </summary>
public sealed class SqliteKeptStatementsTests : IAsyncLifetime
{
    private MigratedSqliteFile _database = null!;
    private SqliteKeptStatements _kept = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedSqliteFile.CreateAsync("kept");
        _kept = new SqliteKeptStatements(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        _kept.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_query_run_again_is_prepared_once_and_answers_with_each_runs_own_values()
    {
        var owners = new[] { Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7() };
        for (var i = 0; i < owners.Length; i++)
        {
            await SeedAsync($"bucket{i}", owners[i]);
        }

        foreach (var round in Enumerable.Range(0, 3))
        {
            for (var i = 0; i < owners.Length; i++)
            {
                await using var db = NewContext();
                var names = await NamesOwnedBy(db, owners[i]).ToListAsync();
                names.ShouldBe([$"bucket{i}"], $"round {round}");
            }
        }

        // One after another, so on one connection: the statement was parsed and planned once for nine runs.
        _kept.Prepared.ShouldBe(1);
    }

    [Fact]
    public async Task A_kept_page_is_not_planned_again_for_its_bound_limit()
    {
        var (owner, sql, limit) = await SeededPageAsync();
        using var kept = new KeptConnection(SqliteStatementStatus.Tracked(PreparedSqliteResourceReader.OpenConnection(_database.ConnectionString)));
        for (var take = 1; take <= 3; take++)
        {
            var statement = kept.StatementFor(sql, out var preparedNow);
            preparedNow.ShouldBe(take == 1);
            (await PageAsync(statement, owner, limit, take)).ShouldBe(new[] { "bucket2", "bucket1", "bucket0" }.Take(take));
        }

        var (text, reprepared) = SqliteStatementStatus.Reprepared(kept.Connection).ShouldHaveSingleItem();
        text.ShouldContain("LIMIT +@");
        reprepared.ShouldBe(0, "each run's bound LIMIT made SQLite parse and plan the statement again");
    }

    [Fact]
    public async Task The_page_as_EF_writes_it_is_planned_again_on_every_run_so_the_test_above_can_fail()
    {
        var (owner, sql, limit) = await SeededPageAsync();
        using var connection = SqliteStatementStatus.Tracked(PreparedSqliteResourceReader.OpenConnection(_database.ConnectionString));
        using var statement = connection.CreateCommand();
        statement.CommandText = sql;
        statement.Prepare();
        for (var take = 1; take <= 3; take++)
        {
            (await PageAsync(statement, owner, limit, take)).Count.ShouldBe(take);
        }

        SqliteStatementStatus.Reprepared(connection).ShouldHaveSingleItem().Reprepared.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_read_inside_a_transaction_sees_its_own_writes_and_is_not_moved()
    {
        var owner = Guid.CreateVersion7();
        await SeedAsync("committed", owner);
        await using var db = NewContext();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Resources.Add(NewResource("uncommitted", owner));
            await db.SaveChangesAsync();

            (await NamesOwnedBy(db, owner).ToListAsync()).ShouldBe(["committed", "uncommitted"], ignoreOrder: true);
            _kept.Prepared.ShouldBe(0, "a read inside a transaction ran on another connection");

            await transaction.RollbackAsync();
        }

        await using var after = NewContext();
        (await NamesOwnedBy(after, owner).ToListAsync()).ShouldBe(["committed"]);
        _kept.Prepared.ShouldBe(1);
    }

    [Fact]
    public async Task A_statement_that_calls_a_function_only_EFs_connection_has_is_left_to_EF_and_still_answers()
    {
        await SeedAsync("web1", Guid.CreateVersion7());
        await SeedAsync("db1", Guid.CreateVersion7());

        for (var i = 0; i < 2; i++)
        {
            // EF translates Regex.IsMatch to SQLite's REGEXP, which calls the regexp function EF registers on its own connections.
            await using var db = NewContext();
            (await db.Resources.CountAsync(r => Regex.IsMatch(r.Name, "^web"))).ShouldBe(1);
        }

        _kept.Prepared.ShouldBe(0);
    }

    [Fact]
    public async Task Concurrent_queries_each_get_their_own_answer()
    {
        var owners = Enumerable.Range(0, 8).Select(_ => Guid.CreateVersion7()).ToArray();
        for (var i = 0; i < owners.Length; i++)
        {
            await SeedAsync($"bucket{i}", owners[i]);
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 256).Select(n => Task.Run(async () =>
        {
            var i = n % owners.Length;
            await using var db = NewContext();
            return (Expected: $"bucket{i}", Names: await NamesOwnedBy(db, owners[i]).ToListAsync());
        })));

        foreach (var (expected, names) in answers)
        {
            names.ShouldBe([expected]);
        }

        _kept.Prepared.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_cancelled_query_on_a_kept_connection_stops_within_a_moment_and_the_connection_answers_the_next()
    {
        await using (var db = NewContext())
        {
            // 1,500 rows: a three-way join over them (3.4 billion rows) runs for a minute or more when nothing stops it.
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "LiveBucketCounts" ("OwnerId", "Live")
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1500)
                SELECT printf('%08d-0000-0000-0000-000000000000', x), x FROM n
                """);
        }

        var watch = Stopwatch.StartNew();
        Exception? stopped = null;
        using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await using var db = NewContext();
            var counts = db.Set<LiveBucketCount>();
            try
            {
                await (from a in counts from b in counts from c in counts where a.Live + b.Live + c.Live < 0 select a.OwnerId)
                    .CountAsync(cancellation.Token);
            }
            catch (Exception exception)
            {
                stopped = exception;
            }
        }

        watch.Stop();
        stopped.ShouldNotBeNull("the statement ran to its end");
        _kept.Prepared.ShouldBe(1, "the long query did not run on a kept connection");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the statement went on after its token was cancelled");

        await using var next = NewContext();
        (await next.Set<LiveBucketCount>().CountAsync()).ShouldBe(1500);
    }

    /// <summary>Three buckets of one owner, and EF's SQL for a page of their names newest first, its LIMIT bound as a parameter.</summary>
    private async Task<(Guid Owner, string Sql, string Limit)> SeededPageAsync()
    {
        var owner = Guid.CreateVersion7();
        for (var i = 0; i < 3; i++)
        {
            await SeedAsync($"bucket{i}", owner);
        }

        await using var db = NewContext();
        var take = 1;
        var query = db.Resources.Where(r => r.OwnerId == owner && r.Status != ResourceStatus.Deleted)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => r.Name).Take(take).ToQueryString();
        var sql = string.Join('\n', query.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        var limit = Regex.Match(sql, @"LIMIT (@\w+)");
        limit.Success.ShouldBeTrue(sql);
        return (owner, sql.Trim(), limit.Groups[1].Value);
    }

    private static async Task<List<string>> PageAsync(Microsoft.Data.Sqlite.SqliteCommand statement, Guid owner, string limit, int take)
    {
        statement.Parameters.Clear();
        statement.Parameters.AddWithValue("@owner", owner.ToString().ToUpperInvariant());
        statement.Parameters.AddWithValue(limit, take);
        var names = new List<string>();
        await using var reader = await statement.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static IQueryable<string> NamesOwnedBy(SqliteAppDbContext db, Guid owner) =>
        db.Resources.Where(r => r.OwnerId == owner).Select(r => r.Name);

    private SqliteAppDbContext NewContext() => _database.NewContext(new DesignTimeFieldEncryptor(), kept: _kept);

    private async Task SeedAsync(string name, Guid ownerId)
    {
        // Written without the kept statements: the tests count what they prepare.
        await using var db = _database.NewContext(new DesignTimeFieldEncryptor());
        db.Resources.Add(NewResource(name, ownerId));
        await db.SaveChangesAsync();
    }

    private static Resource NewResource(string name, Guid ownerId)
    {
        var now = DateTimeOffset.UtcNow;
        return Resource.Create(Guid.CreateVersion7(now), name, ResourceType.S3, "us-east-1", new Dictionary<string, string>(), new ResourceSpec(), ownerId, now);
    }
}
