using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Resources;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Persistence;
using Orchestrator.IntegrationTests.Provisioning;

namespace Orchestrator.IntegrationTests.Resources;

/// <summary>
/// An admin's list is counted from the counts the database keeps per type and status (<see cref="ResourceCount"/>) and per
/// tag, type and status (<see cref="ResourceTagCount"/>), another caller's from the count kept per owner
/// (<see cref="OwnedResourceCount"/>): they must follow every way a resource is added, re-tagged, changes
/// type or status, or is removed, by whichever code, on several instances writing at once, and a database migrated with
/// resources in it must start with them counted.
/// </summary>
public sealed class ResourceCountTests
{
    private const string CountedByRows = "SELECT Type || '/' || Status, count(*) FROM Resources GROUP BY Type, Status ORDER BY 1;";

    private const string KeptCounts =
        "SELECT Type || '/' || Status, sum(Count) FROM ResourceCounts GROUP BY Type, Status HAVING sum(Count) <> 0 ORDER BY 1;";

    private const string TagsCountedByRows =
        "SELECT t.Key || ':' || t.Value || '/' || r.Type || '/' || r.Status, count(*) FROM ResourceTags AS t " +
        "JOIN Resources AS r ON r.Id = t.ResourceId GROUP BY t.Key, t.Value, r.Type, r.Status ORDER BY 1;";

    private const string KeptTagCounts =
        "SELECT Key || ':' || Value || '/' || Type || '/' || Status, sum(Count) FROM ResourceTagCounts " +
        "GROUP BY Key, Value, Type, Status HAVING sum(Count) <> 0 ORDER BY 1;";

    private const string OwnersCountedByRows = "SELECT OwnerId, count(*) FROM Resources WHERE Status <> 'Deleted' GROUP BY OwnerId ORDER BY 1;";

    private const string KeptOwnerCounts = "SELECT OwnerId, Listed FROM OwnedResourceCounts WHERE Listed <> 0 ORDER BY 1;";

    /// <summary>Tag rows whose copy of their resource's creation time (the tag index's list order) is not the resource's.</summary>
    private const string TagsStampedOtherwise =
        "SELECT 'mismatched', count(*) FROM ResourceTags AS t JOIN Resources AS r ON r.Id = t.ResourceId WHERE t.ResourceCreatedAt <> r.CreatedAt;";

    [Fact]
    public async Task The_kept_counts_follow_parallel_creations_on_two_instances_the_worker_and_changes_made_by_sql()
    {
        using var first = new OrchestratorApiFactory().WithProvisioning();
        using var admin = await first.CreateAdminClientAsync();
        using var second = new OrchestratorApiFactory().With("DataDirectory", first.DataDirectory);
        using var secondClient = second.CreateClient();
        secondClient.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        string[] types = ["s3", "ec2", "rds"];

        var ids = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? admin : secondClient)
                .CreateResourceAsync(new { name = $"counted{i:D2}", type = types[i % 3], region = "us-east-1", tags = new { env = i % 2 == 0 ? "prod" : "dev", team = $"t{i % 4}" } });
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
            return (await response.ReadJsonAsync())["id"]!.GetValue<string>();
        }));
        var counts = await ShouldMatchTheRowsAsync(first);
        counts.Values.Sum().ShouldBe(24);

        // The worker moves them on in batches (provisioning, then active), and deletes one.
        foreach (var id in ids)
        {
            await admin.WaitForStatusAsync(id, "active");
        }

        await admin.RequestDeletionAsync(ids[0]);
        await admin.WaitForStatusAsync(ids[0], "deleted");
        counts = await ShouldMatchTheRowsAsync(first);
        counts["S3/Deleted"].ShouldBe(1);
        counts["S3/Active"].ShouldBe(7);

        // Re-tagged through the API: one tag's value changes, one tag goes, one comes.
        using (var retagged = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{ids[4]}", """{"tags":{"env":"qa","owner":"ops"}}"""))
        {
            retagged.StatusCode.ShouldBe(HttpStatusCode.OK, await retagged.Content.ReadAsStringAsync());
        }

        var tagCounts = await TagCountsShouldMatchTheRowsAsync(first);
        tagCounts["env:qa/Ec2/Active"].ShouldBe(1);
        tagCounts["owner:ops/Ec2/Active"].ShouldBe(1);

        // A type and a status changed by SQL, as a repair would, and rows removed outright.
        var (retyped, removed, cascaded) = (ids[1].ToUpperInvariant(), ids[2].ToUpperInvariant(), ids[5].ToUpperInvariant());
        await first.ExecuteSqlAsync($"UPDATE Resources SET Type = 'S3', Status = 'Failed' WHERE Id = '{retyped}';");
        await first.ExecuteSqlAsync($"UPDATE Resources SET Status = 'Active' WHERE Id = '{retyped}';");
        await first.ExecuteSqlAsync($"UPDATE ResourceTags SET Value = 'staging' WHERE ResourceId = '{retyped}' AND Key = 'env';");
        await first.ExecuteSqlAsync(
            $"DELETE FROM ResourceTags WHERE ResourceId = '{removed}'; DELETE FROM ProvisioningJobs WHERE ResourceId = '{removed}'; " +
            $"DELETE FROM Resources WHERE Id = '{removed}';");
        // Removed with its tags still on it: the foreign key's cascade takes them after the resource.
        await first.ExecuteSqlAsync($"DELETE FROM ProvisioningJobs WHERE ResourceId = '{cascaded}'; DELETE FROM Resources WHERE Id = '{cascaded}';");
        // Handed to another owner by SQL: the owner counts follow it.
        await first.ExecuteSqlAsync($"UPDATE Resources SET OwnerId = '{Guid.NewGuid().ToString().ToUpperInvariant()}' WHERE Id = '{ids[6].ToUpperInvariant()}';");
        counts = await ShouldMatchTheRowsAsync(first);
        counts["S3/Active"].ShouldBe(8);
        counts.Values.Sum().ShouldBe(22);
        tagCounts = await TagCountsShouldMatchTheRowsAsync(first);
        tagCounts["env:staging/S3/Active"].ShouldBe(1);
        tagCounts.Values.Sum().ShouldBe(44);

        // The slices are the ids' last hexadecimal digits: 24 random ids do not all end alike.
        await using var connection = await OpenAsync(first.DatabaseFile);
        await using var slots = connection.CreateCommand();
        slots.CommandText = "SELECT min(Slot), max(Slot), count(DISTINCT Slot) FROM ResourceCounts;";
        await using var reader = await slots.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.GetInt32(0).ShouldBeGreaterThanOrEqualTo(0);
        reader.GetInt32(1).ShouldBeLessThan(ResourceCount.Slots);
        reader.GetInt32(2).ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task Migrating_a_database_that_has_resources_counts_them()
    {
        await using var file = await MigratedSqliteFile.CreateAsync("resource-counts");
        await file.MigrateToJustBeforeAsync("ResourceCounts");
        await using var db = file.NewContext();

        var owner = Guid.NewGuid().ToString().ToUpperInvariant();
        await InsertResourcesAsync(db, ("S3", "Active", owner), ("S3", "Active", owner), ("S3", "Deleted", owner), ("Ec2", "Active", owner), ("Rds", "Pending", owner));

        await db.Database.MigrateAsync();

        var kept = (await ReadAsync(new SqliteConnectionStringBuilder(file.ConnectionString).DataSource, KeptCounts))[0];
        kept.ShouldBe(new Dictionary<string, long> { ["Ec2/Active"] = 1, ["Rds/Pending"] = 1, ["S3/Active"] = 2, ["S3/Deleted"] = 1 });
    }

    [Fact]
    public async Task Migrating_a_database_that_has_resources_counts_each_owners_listed_ones()
    {
        await using var file = await MigratedSqliteFile.CreateAsync("owned-resource-counts");
        await file.MigrateToJustBeforeAsync("OwnedResourceCounts");
        await using var db = file.NewContext();

        var (one, other) = (Guid.NewGuid().ToString().ToUpperInvariant(), Guid.NewGuid().ToString().ToUpperInvariant());
        await InsertResourcesAsync(db, ("S3", "Active", one), ("S3", "Pending", one), ("S3", "Deleted", one), ("S3", "Deleted", other), ("S3", "Failed", other));

        await db.Database.MigrateAsync();

        var kept = (await ReadAsync(new SqliteConnectionStringBuilder(file.ConnectionString).DataSource, KeptOwnerCounts))[0];
        kept.ShouldBe(new Dictionary<string, long> { [one] = 2, [other] = 1 }, ignoreOrder: true);
    }

    [Fact]
    public async Task Migrating_a_database_that_has_tagged_resources_counts_their_tags()
    {
        await using var file = await MigratedSqliteFile.CreateAsync("resource-tag-counts");
        await file.MigrateToJustBeforeAsync("ResourceTagCounts");
        await using var db = file.NewContext();

        var (owner, first, second) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (o, a, b) = (owner.ToString().ToUpperInvariant(), first.ToString().ToUpperInvariant(), second.ToString().ToUpperInvariant());
#pragma warning disable EF1002, EF1003 // Constants and fresh GUIDs only.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO Resources (Id, Name, Type, Region, Spec, Status, OwnerId, CreatedAt, UpdatedAt, Version) VALUES " +
            $"('{a}', 'a', 'S3', 'us-east-1', 'x', 'Active', '{o}', 0, 0, 1), ('{b}', 'b', 'Ec2', 'us-east-1', 'x', 'Deleted', '{o}', 0, 0, 1); " +
            $"INSERT INTO ResourceTags (ResourceId, Key, Value) VALUES ('{a}', 'env', 'prod'), ('{a}', 'team', 'red'), ('{b}', 'env', 'prod');");
#pragma warning restore EF1002, EF1003

        await db.Database.MigrateAsync();

        var kept = (await ReadAsync(new SqliteConnectionStringBuilder(file.ConnectionString).DataSource, KeptTagCounts))[0];
        kept.ShouldBe(new Dictionary<string, long> { ["env:prod/Ec2/Deleted"] = 1, ["env:prod/S3/Active"] = 1, ["team:red/S3/Active"] = 1 });
    }

    /// <summary>Resources written by SQL into a database migrated only so far, as a service before a count's migration left them.</summary>
    private static async Task InsertResourcesAsync(DbContext db, params (string Type, string Status, string OwnerId)[] rows)
    {
        var values = string.Join(", ", rows.Select((row, i) =>
            $"('{Guid.NewGuid().ToString().ToUpperInvariant()}', 'm{i}', '{row.Type}', 'us-east-1', 'x', '{row.Status}', '{row.OwnerId}', 0, 0, 1)"));
#pragma warning disable EF1002 // Constants and fresh GUIDs only.
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO Resources (Id, Name, Type, Region, Spec, Status, OwnerId, CreatedAt, UpdatedAt, Version) VALUES {values};");
#pragma warning restore EF1002
    }

    private static async Task<Dictionary<string, long>> TagCountsShouldMatchTheRowsAsync(OrchestratorApiFactory factory)
    {
        var read = await ReadAsync(factory.DatabaseFile, TagsCountedByRows, KeptTagCounts, TagsStampedOtherwise);
        read[1].ShouldBe(read[0]);
        read[2].ShouldBe(new Dictionary<string, long> { ["mismatched"] = 0 });
        return read[1];
    }

    private static async Task<Dictionary<string, long>> ShouldMatchTheRowsAsync(OrchestratorApiFactory factory)
    {
        var read = await ReadAsync(
            factory.DatabaseFile, CountedByRows, KeptCounts, TagsCountedByRows, KeptTagCounts, TagsStampedOtherwise, OwnersCountedByRows, KeptOwnerCounts);
        read[1].ShouldBe(read[0]);
        read[3].ShouldBe(read[2]);
        read[4].ShouldBe(new Dictionary<string, long> { ["mismatched"] = 0 });
        read[6].ShouldBe(read[5]);
        return read[1];
    }

    /// <summary>
    /// Each statement's (label, count) rows, all from one snapshot of the file: the worker may move a status on between
    /// two statements read apart.
    /// </summary>
    private static async Task<List<Dictionary<string, long>>> ReadAsync(string databaseFile, params string[] statements)
    {
        await using var connection = await OpenAsync(databaseFile);
        using var snapshot = connection.BeginTransaction(deferred: true);
        var results = new List<Dictionary<string, long>>();
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = snapshot;
            await using var reader = await command.ExecuteReaderAsync();
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }

            results.Add(counts);
        }

        return results;
    }

    private static async Task<SqliteConnection> OpenAsync(string databaseFile)
    {
        var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
