using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Audit;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Persistence;
using Orchestrator.IntegrationTests.Retention;

namespace Orchestrator.IntegrationTests.Auditing;

/// <summary>
/// The audit log's count by time range takes its whole hours from the counts the database keeps per hour
/// (<see cref="AuditHourCount"/>, docs/decisions/0043-audit-counts-kept-per-hour.md): those must follow every event
/// written, by requests on several instances at once, and every event the purge removes, and a database migrated with
/// events in it must start with them counted; the list's <c>totalCount</c> must be the number of events in the range at
/// any alignment of its ends.
/// </summary>
public sealed class AuditHourCountTests
{
    private static readonly Func<long, DateTimeOffset> FromColumn = new DateTimeOffsetToBinaryConverter().ConvertFromProviderExpression.Compile();

    [Fact]
    public async Task The_kept_counts_follow_events_written_on_two_instances_at_once()
    {
        using var first = new OrchestratorApiFactory();
        using var admin = await first.CreateAdminClientAsync();
        using var second = new OrchestratorApiFactory().With("DataDirectory", first.DataDirectory);
        using var secondClient = second.CreateClient();
        secondClient.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;

        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? admin : secondClient).CreateResourceAsync(new { name = $"audited{i:D2}", type = "s3", region = "us-east-1" });
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        }));

        var (byEvents, kept) = await ReadAsync(first.DatabaseFile);
        byEvents.Values.Sum().ShouldBeGreaterThanOrEqualTo(24);
        ShouldMatch(kept, byEvents);
    }

    [Fact]
    public async Task The_purge_counts_the_events_it_removes_out_and_leaves_no_emptied_hour()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        using var host = new RetentionHost(now, factory => factory.With("Retention:AuditDays", "30"));
        var old = new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.Zero);
        await host.WithDatabaseAsync(async db =>
        {
            // Twenty events in two old hours (most slices of each), four in a young one.
            for (var i = 0; i < 20; i++)
            {
                db.AuditEvents.Add(AuditEvent.Create(old.AddMinutes(i * 5), null, "test.old", null, AuditOutcome.Success, null, null, $"old {i}"));
            }

            for (var i = 0; i < 4; i++)
            {
                db.AuditEvents.Add(AuditEvent.Create(now.AddDays(-2).AddMinutes(i), null, "test.young", null, AuditOutcome.Success, null, null, $"young {i}"));
            }

            await db.SaveChangesAsync(CancellationToken.None);
        });
        var (byEvents, kept) = await ReadAsync(host.Factory.DatabaseFile);
        ShouldMatch(kept, byEvents);
        kept[old].ShouldBe(12);
        kept[old.AddHours(1)].ShouldBe(8);

        (await host.PurgeAsync())!.DeletedByRule["audit-events"].ShouldBe(20);

        (byEvents, kept) = await ReadAsync(host.Factory.DatabaseFile);
        ShouldMatch(kept, byEvents);
        kept.ShouldNotContainKey(old);
        kept.ShouldNotContainKey(old.AddHours(1));
        await host.WithDatabaseAsync(async db => (await db.AuditHourCounts.CountAsync(h => h.Count <= 0)).ShouldBe(0));
    }

    [Fact]
    public async Task Migrating_a_database_that_has_events_counts_them()
    {
        await using var file = await MigratedSqliteFile.CreateAsync("audit-hour-counts");
        await file.MigrateToJustBeforeAsync("AuditHourCounts");
        var hour = new DateTimeOffset(2025, 1, 31, 23, 0, 0, TimeSpan.Zero);
        await using (var db = file.NewContext())
        {
            foreach (var minutes in new[] { 0, 59, 60, 61, 180 })
            {
                db.AuditEvents.Add(AuditEvent.Create(hour.AddMinutes(minutes), null, "test.event", null, AuditOutcome.Success, null, null, "x"));
            }

            await db.SaveChangesAsync();
            await db.Database.MigrateAsync();
        }

        var (byEvents, kept) = await ReadAsync(new SqliteConnectionStringBuilder(file.ConnectionString).DataSource);
        ShouldMatch(kept, byEvents);
        ShouldMatch(kept, new Dictionary<DateTimeOffset, long> { [hour] = 2, [hour.AddHours(1)] = 2, [hour.AddHours(3)] = 1 });
    }

    [Fact]
    public async Task A_count_by_time_range_is_the_number_of_events_in_it_whatever_the_alignment_and_offset_of_its_ends()
    {
        using var factory = new OrchestratorApiFactory();
        using var admin = await factory.CreateAdminClientAsync();
        var hour = new DateTimeOffset(2021, 3, 4, 10, 0, 0, TimeSpan.Zero);
        double[] minutes = [-61, -0.001, 0, 0.001, 30, 59.999, 60, 75, 119.5, 120, 181, 240, 299.99, 330];
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            foreach (var minute in minutes)
            {
                db.AuditEvents.Add(AuditEvent.Create(hour.AddMinutes(minute), null, "test.timed", null, AuditOutcome.Success, null, null, "t"));
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        var india = TimeSpan.FromMinutes(330);
        (DateTimeOffset? From, DateTimeOffset? To)[] ranges =
        [
            (hour, hour.AddHours(3)),
            (hour.AddMinutes(-0.001), hour.AddHours(2)),
            (hour.AddMinutes(0.001), hour.AddMinutes(299.99)),
            (hour.AddMinutes(15), hour.AddMinutes(45)),
            (hour.AddMinutes(59.999), hour.AddMinutes(60)),
            (hour.AddMinutes(30), hour.AddMinutes(150)),
            (hour.AddHours(-2), hour.AddHours(6)),
            (hour.AddMinutes(1).ToOffset(india), hour.AddMinutes(200).ToOffset(india)),
            (null, hour.AddMinutes(120)),
            (hour.AddMinutes(75), null),
            (hour.AddHours(1), hour.AddHours(1)),
        ];
        foreach (var (from, to) in ranges)
        {
            var query = string.Join('&', new[] { ("from", from), ("to", to) }
                .Where(p => p.Item2 is not null)
                .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!.Value.ToString("O", CultureInfo.InvariantCulture))}"));
            using var response = await admin.GetAsync($"/api/v1/audit?pageSize=1&{query}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{query}: {await response.Content.ReadAsStringAsync()}");

            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var (start, end) = (from?.UtcDateTime, to?.UtcDateTime);
            var expected = (await db.AuditEvents.AsNoTracking().Select(e => e.OccurredAt).ToListAsync())
                .Count(at => (start is null || at.UtcDateTime >= start) && (end is null || at.UtcDateTime <= end));
            (await response.ReadJsonAsync())["totalCount"]!.GetValue<int>().ShouldBe(expected, query);
        }
    }

    /// <summary>
    /// The events per UTC hour, worked out here from their times, and the kept counts per hour, both read in one snapshot
    /// of the file.
    /// </summary>
    private static async Task<(Dictionary<DateTimeOffset, long> ByEvents, Dictionary<DateTimeOffset, long> Kept)> ReadAsync(string databaseFile)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        using var snapshot = connection.BeginTransaction(deferred: true);
        var byEvents = new Dictionary<DateTimeOffset, long>();
        foreach (var at in await ColumnAsync(connection, "SELECT OccurredAt FROM AuditEvents"))
        {
            var utc = FromColumn(at).ToUniversalTime();
            var hour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
            byEvents[hour] = byEvents.GetValueOrDefault(hour) + 1;
        }

        var kept = new Dictionary<DateTimeOffset, long>();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT Hour, Count FROM AuditHourCounts";
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var hour = FromColumn(reader.GetInt64(0));
            hour.Offset.ShouldBe(TimeSpan.Zero);
            kept[hour] = kept.GetValueOrDefault(hour) + reader.GetInt64(1);
        }

        return (byEvents, kept);
    }

    private static void ShouldMatch(Dictionary<DateTimeOffset, long> kept, Dictionary<DateTimeOffset, long> expected) =>
        kept.OrderBy(h => h.Key).ShouldBe(expected.OrderBy(h => h.Key));

    private static async Task<List<long>> ColumnAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<long>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }
}
