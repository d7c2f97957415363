using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Audit;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Persistence;
using Orchestrator.IntegrationTests.Retention;

namespace Orchestrator.IntegrationTests.Auditing;

/// <summary>
/// The audit log's count by user alone comes from the counts the database keeps per user (<see cref="AuditUserCount"/>,
/// docs/decisions/0055-audit-counts-kept-per-user.md): those must follow every event written, by several users on two
/// instances at once, every event the purge removes and any change of an event's user, and a database migrated with
/// events in it must start with them counted; the list's <c>totalCount</c> by user must be that user's events.
/// </summary>
public sealed class AuditUserCountTests
{
    [Fact]
    public async Task The_kept_counts_follow_events_written_by_several_users_on_two_instances_at_once_and_are_the_lists_total()
    {
        using var first = new OrchestratorApiFactory();
        using var admin = await first.CreateAdminClientAsync();
        var (operatorClient, operatorId) = await first.CreateUserClientAsync("operator");
        using var _ = operatorClient;
        using var second = new OrchestratorApiFactory().With("DataDirectory", first.DataDirectory);
        using var adminOnSecond = second.CreateClient();
        adminOnSecond.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        using var operatorOnSecond = second.CreateClient();
        operatorOnSecond.DefaultRequestHeaders.Authorization = operatorClient.DefaultRequestHeaders.Authorization;
        HttpClient[] callers = [admin, adminOnSecond, operatorClient, operatorOnSecond];

        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await callers[i % callers.Length].CreateResourceAsync(new { name = $"counted{i:D2}", type = "s3", region = "us-east-1" });
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        }));

        var (byEvents, kept) = await ReadAsync(first.DatabaseFile);
        byEvents[operatorId].ShouldBeGreaterThanOrEqualTo(12);
        kept.OrderBy(c => c.Key).ShouldBe(byEvents.OrderBy(c => c.Key));
        foreach (var (userId, count) in byEvents)
        {
            using var response = await admin.GetAsync($"/api/v1/audit?userId={userId}&pageSize=1");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            (await response.ReadJsonAsync())["totalCount"]!.GetValue<int>().ShouldBe((int)count, $"user {userId}");
        }

        // The total of a list by user alone is read from the kept rows (a row made wrong on purpose shows it); by user and
        // action it is still counted from the events.
        var operatorText = operatorId.ToString().ToUpperInvariant();
        await ExecuteAsync(first.DatabaseFile, $"UPDATE AuditUserCounts SET Count = Count + 1000 WHERE UserId = '{operatorText}'");
        using (var byUser = await admin.GetAsync($"/api/v1/audit?userId={operatorId}&pageSize=1"))
        {
            (await byUser.ReadJsonAsync())["totalCount"]!.GetValue<int>().ShouldBe((int)byEvents[operatorId] + 1000);
        }

        using (var byUserAndAction = await admin.GetAsync($"/api/v1/audit?userId={operatorId}&action=resource.created&pageSize=1"))
        {
            (await byUserAndAction.ReadJsonAsync())["totalCount"]!.GetValue<int>().ShouldBe(12);
        }

        await ExecuteAsync(first.DatabaseFile, $"UPDATE AuditUserCounts SET Count = Count - 1000 WHERE UserId = '{operatorText}'");

        // An event's user changed (never by the service, kept right all the same): moved, then cleared.
        await ExecuteAsync(first.DatabaseFile, $"UPDATE AuditEvents SET UserId = '{operatorText}' WHERE Id IN (SELECT Id FROM AuditEvents WHERE UserId IS NOT NULL AND UserId <> '{operatorText}' LIMIT 3)");
        await ExecuteAsync(first.DatabaseFile, $"UPDATE AuditEvents SET UserId = NULL WHERE Id IN (SELECT Id FROM AuditEvents WHERE UserId = '{operatorText}' LIMIT 2)");
        (byEvents, kept) = await ReadAsync(first.DatabaseFile);
        kept.OrderBy(c => c.Key).ShouldBe(byEvents.OrderBy(c => c.Key));
    }

    [Fact]
    public async Task The_purge_counts_the_events_it_removes_out_and_leaves_no_emptied_user()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        using var host = new RetentionHost(now, factory => factory.With("Retention:AuditDays", "30"));
        var (gone, staying) = (Guid.NewGuid(), Guid.NewGuid());
        var old = new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.Zero);
        await host.WithDatabaseAsync(async db =>
        {
            // One user's events all old, the other's old and young.
            for (var i = 0; i < 20; i++)
            {
                db.AuditEvents.Add(AuditEvent.Create(old.AddMinutes(i), i % 2 == 0 ? gone : staying, "test.old", null, AuditOutcome.Success, null, null, $"old {i}"));
            }

            for (var i = 0; i < 4; i++)
            {
                db.AuditEvents.Add(AuditEvent.Create(now.AddDays(-2).AddMinutes(i), staying, "test.young", null, AuditOutcome.Success, null, null, $"young {i}"));
            }

            await db.SaveChangesAsync(CancellationToken.None);
        });
        var (byEvents, kept) = await ReadAsync(host.Factory.DatabaseFile);
        kept.OrderBy(c => c.Key).ShouldBe(byEvents.OrderBy(c => c.Key));
        kept[gone].ShouldBe(10);
        kept[staying].ShouldBe(14);

        (await host.PurgeAsync())!.DeletedByRule["audit-events"].ShouldBe(20);

        (byEvents, kept) = await ReadAsync(host.Factory.DatabaseFile);
        kept.OrderBy(c => c.Key).ShouldBe(byEvents.OrderBy(c => c.Key));
        kept.ShouldNotContainKey(gone);
        kept[staying].ShouldBe(4);
        await host.WithDatabaseAsync(async db => (await db.AuditUserCounts.CountAsync(c => c.Count <= 0)).ShouldBe(0));
    }

    [Fact]
    public async Task Migrating_a_database_that_has_events_counts_them_per_user()
    {
        await using var file = await MigratedSqliteFile.CreateAsync("audit-user-counts");
        await file.MigrateToJustBeforeAsync("AuditUserCounts");
        var (one, other) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var db = file.NewContext())
        {
            var at = new DateTimeOffset(2025, 1, 31, 23, 0, 0, TimeSpan.Zero);
            foreach (var userId in new Guid?[] { one, one, other, null, one, null })
            {
                db.AuditEvents.Add(AuditEvent.Create(at, userId, "test.event", null, AuditOutcome.Success, null, null, "x"));
                at = at.AddMinutes(1);
            }

            await db.SaveChangesAsync();
            await db.Database.MigrateAsync();
        }

        var (byEvents, kept) = await ReadAsync(new SqliteConnectionStringBuilder(file.ConnectionString).DataSource);
        kept.OrderBy(c => c.Key).ShouldBe(byEvents.OrderBy(c => c.Key));
        kept.OrderBy(c => c.Key).ShouldBe(new Dictionary<Guid, long> { [one] = 3, [other] = 1 }.OrderBy(c => c.Key));
    }

    /// <summary>The events per user, counted from the events, and the kept counts per user, both read in one snapshot of the file.</summary>
    private static async Task<(Dictionary<Guid, long> ByEvents, Dictionary<Guid, long> Kept)> ReadAsync(string databaseFile)
    {
        await using var connection = await OpenAsync(databaseFile);
        using var snapshot = connection.BeginTransaction(deferred: true);
        var byEvents = await PairsAsync(connection, "SELECT UserId, count(*) FROM AuditEvents WHERE UserId IS NOT NULL GROUP BY UserId");
        var kept = await PairsAsync(connection, "SELECT UserId, sum(Count) FROM AuditUserCounts GROUP BY UserId");
        return (byEvents, kept);
    }

    private static async Task ExecuteAsync(string databaseFile, string sql)
    {
        await using var connection = await OpenAsync(databaseFile);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0, sql);
    }

    private static async Task<SqliteConnection> OpenAsync(string databaseFile)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<Dictionary<Guid, long>> PairsAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var pairs = new Dictionary<Guid, long>();
        while (await reader.ReadAsync())
        {
            pairs[Guid.Parse(reader.GetString(0))] = reader.GetInt64(1);
        }

        return pairs;
    }
}
