using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Persistence;
using Orchestrator.IntegrationTests.Telemetry;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>
/// The s3 quota reads its owner's live-bucket count from one row kept by triggers, not by counting the owner's
/// buckets on every creation: the row must follow every way a bucket starts or stops counting.
/// </summary>
public sealed class LiveBucketCountTests
{
    private const string CountedByRows =
        "SELECT count(*) FROM Resources WHERE OwnerId = $owner AND Type = 'S3' AND Status NOT IN ('Deleting', 'Deleted', 'Failed', 'Forgotten', 'Rejected');";

    [Fact]
    public async Task The_count_row_follows_creations_deletions_and_status_changes_made_by_any_code()
    {
        using var factory = new OrchestratorApiFactory().With("Quotas:S3Buckets", "3");
        var (client, userId) = await factory.CreateUserClientAsync("admin");
        using var _c = client;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var created = await client.CreateResourceAsync(new { name = $"live{i}", type = "s3", region = "us-east-1" });
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            ids.Add((await created.ReadJsonAsync())["id"]!.GetValue<string>());
        }

        using (var ec2 = await client.CreateResourceAsync(new { name = "notabucket", type = "ec2", region = "us-east-1" }))
        {
            ec2.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await ShouldMatchTheRowsAsync(factory, userId, 3);
        using (var refused = await client.CreateResourceAsync(new { name = "live9", type = "s3", region = "us-east-1" }))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        }

        using (var deleted = await client.DeleteAsync($"/api/v1/resources/{ids[0]}"))
        {
            deleted.IsSuccessStatusCode.ShouldBeTrue();
        }

        await ShouldMatchTheRowsAsync(factory, userId, 2);

        // A status changed by SQL, as a set-based update or a repair would, and a row removed outright.
        await factory.ExecuteSqlAsync($"UPDATE Resources SET Status = 'Failed' WHERE Id = '{ids[1].ToUpperInvariant()}';");
        await ShouldMatchTheRowsAsync(factory, userId, 1);
        await factory.ExecuteSqlAsync($"UPDATE Resources SET Status = 'Active' WHERE Id = '{ids[1].ToUpperInvariant()}';");
        await ShouldMatchTheRowsAsync(factory, userId, 2);
        await factory.ExecuteSqlAsync($"DELETE FROM ResourceTags WHERE ResourceId = '{ids[2].ToUpperInvariant()}'; DELETE FROM ProvisioningJobs WHERE ResourceId = '{ids[2].ToUpperInvariant()}'; DELETE FROM Resources WHERE Id = '{ids[2].ToUpperInvariant()}';");
        await ShouldMatchTheRowsAsync(factory, userId, 1);

        for (var i = 0; i < 2; i++)
        {
            using var again = await client.CreateResourceAsync(new { name = $"again{i}", type = "s3", region = "us-east-1" });
            again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var full = await client.CreateResourceAsync(new { name = "again9", type = "s3", region = "us-east-1" });
        full.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        await ShouldMatchTheRowsAsync(factory, userId, 3);
    }

    [Fact]
    public async Task Twenty_parallel_bucket_creations_of_one_user_stop_exactly_at_the_quota()
    {
        using var factory = new OrchestratorApiFactory().With("Quotas:S3Buckets", "7");
        var (client, userId) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await client.CreateResourceAsync(new { name = $"par{i}", type = "s3", region = "us-east-1" });
            return response.StatusCode;
        }));

        answers.Count(a => a == HttpStatusCode.Accepted).ShouldBe(7);
        answers.Count(a => a == HttpStatusCode.TooManyRequests).ShouldBe(13);
        await ShouldMatchTheRowsAsync(factory, userId, 7);
    }

    // Two instances in process-memory mode share nothing but the database: the quota is decided there, in the storing transaction.
    [Fact]
    public async Task Two_instances_on_one_database_without_redis_store_exactly_the_quota_of_parallel_bucket_creations()
    {
        var telemetry = new TelemetryCapture();
        using var first = telemetry.Attach(new OrchestratorApiFactory().With("Quotas:S3Buckets", "7"));
        var (firstClient, userId) = await first.CreateUserClientAsync("operator");
        var refusalsBefore = telemetry.CounterValue(first, "orchestrator.quota.refusals", "resource_type", "s3");
        using var _f = firstClient;
        using var second = new OrchestratorApiFactory().With("Quotas:S3Buckets", "7").With("DataDirectory", first.DataDirectory);
        using var secondClient = second.CreateClient();
        secondClient.DefaultRequestHeaders.Authorization = firstClient.DefaultRequestHeaders.Authorization;

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? firstClient : secondClient)
                .CreateResourceAsync(new { name = $"two{i:D2}", type = "s3", region = "us-east-1" });
            return response.StatusCode;
        }));

        answers.Count(a => a == HttpStatusCode.Accepted).ShouldBe(7);
        answers.Count(a => a == HttpStatusCode.TooManyRequests).ShouldBe(17);
        await ShouldMatchTheRowsAsync(first, userId, 7);

        // Every refusal is counted, those decided after the insert too (the meter is the process's: other tests only add).
        telemetry.CounterValue(first, "orchestrator.quota.refusals", "resource_type", "s3").ShouldBeGreaterThanOrEqualTo(refusalsBefore + 17);

        // A creation refused after its insert was rolled back whole: no job, no audit row, no event of it remains.
        await using var connection = new SqliteConnection($"Data Source={first.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        (await ScalarAsync(connection, "SELECT count(*) FROM Resources;")).ShouldBe(7);
        (await ScalarAsync(connection, "SELECT count(*) FROM ProvisioningJobs;")).ShouldBe(7);
        (await ScalarAsync(connection, "SELECT count(*) FROM AuditEvents WHERE Action = 'resource.created';")).ShouldBe(7);
        (await ScalarAsync(connection, "SELECT count(*) FROM WebhookEvents WHERE Type = 'resource.created';")).ShouldBe(7);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Migrating_a_database_that_has_buckets_counts_them()
    {
        await using var file = await MigratedSqliteFile.CreateAsync("live-buckets");
        await file.MigrateToJustBeforeAsync("LiveBucketCounts");
        await using var db = file.NewContext();

        var owner = Guid.NewGuid().ToString().ToUpperInvariant();
        var statuses = new[] { "Active", "Pending", "Deleting", "Failed", "AwaitingApproval", "Rejected", "Deleted", "Forgotten", "Provisioning" };
        var values = string.Join(", ", statuses.Select((status, i) =>
            $"('{Guid.NewGuid().ToString().ToUpperInvariant()}', 'b{i}', 'S3', 'us-east-1', 'x', '{status}', '{owner}', 0, 0, 1)"));
#pragma warning disable EF1003 // Constants and fresh GUIDs only.
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO Resources (Id, Name, Type, Region, Spec, Status, OwnerId, CreatedAt, UpdatedAt, Version) VALUES {values}, " +
            $"('{Guid.NewGuid().ToString().ToUpperInvariant()}', 'vm', 'Ec2', 'us-east-1', 'x', 'Active', '{owner}', 0, 0, 1);");
#pragma warning restore EF1003

        await db.Database.MigrateAsync();

        (await LiveRowAsync(file.ConnectionString, owner)).ShouldBe(4, "active, pending, awaiting-approval and provisioning buckets count");
    }

    private static async Task ShouldMatchTheRowsAsync(OrchestratorApiFactory factory, Guid userId, int expected)
    {
        var owner = userId.ToString().ToUpperInvariant();
        await using var connection = new SqliteConnection($"Data Source={factory.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = CountedByRows;
        count.Parameters.AddWithValue("$owner", owner);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(expected);
        (await LiveRowAsync($"Data Source={factory.DatabaseFile};Pooling=False", owner)).ShouldBe(expected);
    }

    private static async Task<long> LiveRowAsync(string connectionString, string owner)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT coalesce((SELECT Live FROM LiveBucketCounts WHERE OwnerId = $owner), 0);";
        read.Parameters.AddWithValue("$owner", owner);
        return (long)(await read.ExecuteScalarAsync())!;
    }
}
