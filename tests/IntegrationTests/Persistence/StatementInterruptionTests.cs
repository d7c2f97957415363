using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// A query whose token is cancelled stops inside SQLite, on the service's own context and database file, instead of
/// running to its end for nobody (docs/decisions/0038-statements-stop-with-their-request.md).
/// </summary>
public sealed class StatementInterruptionTests : IClassFixture<OrchestratorApiFactory>
{
    // Counts to 200 million inside SQLite: tens of seconds of one core when nothing stops it.
    private const string LongStatement =
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000000) SELECT count(*) AS \"Value\" FROM n";

    private readonly OrchestratorApiFactory _factory;

    public StatementInterruptionTests(OrchestratorApiFactory factory)
    {
        _factory = factory;
        _ = factory.Server;
    }

    [Fact]
    public async Task A_cancelled_query_stops_within_a_moment_and_the_next_query_on_the_pool_runs()
    {
        var watch = Stopwatch.StartNew();
        Exception? stopped = null;
        using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            try
            {
                await db.Database.SqlQueryRaw<long>(LongStatement).SingleAsync(cancellation.Token);
            }
            catch (Exception exception)
            {
                stopped = exception;
            }
        }

        watch.Stop();
        stopped.ShouldNotBeNull("the statement ran to its end");
        var signal = _factory.Services.GetRequiredService<IDatabaseBusySignal>();
        (stopped is OperationCanceledException || signal.IsInterrupted(stopped)).ShouldBeTrue(stopped.ToString());
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the statement went on after its token was cancelled");

        // The interrupt does not outlive its statement: the pooled connections answer the next queries.
        for (var i = 0; i < 3; i++)
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.Database.SqlQueryRaw<long>("SELECT 42 AS \"Value\"").SingleAsync()).ShouldBe(42);
            (await db.Resources.CountAsync()).ShouldBeGreaterThanOrEqualTo(0);
        }
    }

    [Fact]
    public async Task A_query_whose_token_is_never_cancelled_is_not_interrupted()
    {
        using var cancellation = new CancellationTokenSource();
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var value = await db.Database
            .SqlQueryRaw<long>("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000) SELECT count(*) AS \"Value\" FROM n")
            .SingleAsync(cancellation.Token);

        value.ShouldBe(200_000);
    }

    [Fact]
    public void Only_SQLites_interrupt_code_counts_as_interrupted()
    {
        var signal = _factory.Services.GetRequiredService<IDatabaseBusySignal>();

        signal.IsInterrupted(new SqliteException("interrupted", 9)).ShouldBeTrue();
        signal.IsInterrupted(new InvalidOperationException("wrapped", new SqliteException("interrupted", 9))).ShouldBeTrue();
        signal.IsInterrupted(new SqliteException("busy", 5)).ShouldBeFalse();
        signal.IsBusy(new SqliteException("interrupted", 9)).ShouldBeFalse();
    }
}
