using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Resources;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// Each tag row carries its resource's creation time, which the tag index orders by so that a list by one tag is read in
/// the list's order (docs/decisions/0042-a-tag-listed-in-the-lists-order.md): set on every tag the service inserts, with a
/// new resource or on one re-tagged years later, and taken by the tags already there when the database is migrated.
/// </summary>
public sealed class TagListOrderTests
{
    private const string Mismatched =
        "SELECT count(*) AS Value FROM ResourceTags AS t JOIN Resources AS r ON r.Id = t.ResourceId WHERE t.ResourceCreatedAt <> r.CreatedAt";

    [Fact]
    public async Task Tags_added_with_a_resource_or_later_carry_the_resources_creation_time()
    {
        await using var file = await MigratedSqliteFile.CreateAsync("tag-list-order");
        // Whole milliseconds: the column keeps a tenth of a millisecond, so these read back equal.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var (old, recent) = (now.AddYears(-2), now.AddMinutes(-1));
        var first = NewResource(old, new Dictionary<string, string> { ["env"] = "prod", ["team"] = "red" });
        var second = NewResource(recent, new Dictionary<string, string> { ["env"] = "dev" });
        await using (var db = file.NewContext())
        {
            db.Resources.AddRange(first, second);
            await db.SaveChangesAsync();
        }

        // Re-tagged two years on, in a context that loaded it: the new tag takes the creation time, not the save's.
        await using (var db = file.NewContext())
        {
            var loaded = await db.Resources.SingleAsync(r => r.Id == first.Id);
            loaded.ReplaceTags(new Dictionary<string, string> { ["env"] = "qa", ["owner"] = "ops" }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        await using var check = file.NewContext();
        (await check.Database.SqlQueryRaw<int>(Mismatched).SingleAsync()).ShouldBe(0);
        var stamped = await check.Resources.SelectMany(r => r.Tags, (r, t) => new { r.Id, t.Key, At = EF.Property<DateTimeOffset>(t, "ResourceCreatedAt") })
            .ToListAsync();
        stamped.Select(s => (s.Id, s.Key, s.At)).OrderBy(s => s.At).ThenBy(s => s.Key).ShouldBe(
            [(first.Id, "env", old), (first.Id, "owner", old), (second.Id, "env", recent)]);
    }

    [Fact]
    public async Task Migrating_a_database_that_has_tags_gives_each_its_resources_creation_time()
    {
        await using var file = await MigratedSqliteFile.CreateAsync("tag-list-order-migration");
        await file.MigrateToJustBeforeAsync("TagListOrder");
        await using var db = file.NewContext();
        var (owner, a, b) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (o, first, second) = (owner.ToString().ToUpperInvariant(), a.ToString().ToUpperInvariant(), b.ToString().ToUpperInvariant());
#pragma warning disable EF1002, EF1003 // Constants and fresh GUIDs only.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO Resources (Id, Name, Type, Region, Spec, Status, OwnerId, CreatedAt, UpdatedAt, Version) VALUES " +
            $"('{first}', 'a', 'S3', 'us-east-1', 'x', 'Active', '{o}', 4096, 0, 1), ('{second}', 'b', 'Ec2', 'us-east-1', 'x', 'Deleted', '{o}', 8192, 0, 1); " +
            $"INSERT INTO ResourceTags (ResourceId, Key, Value) VALUES ('{first}', 'env', 'prod'), ('{first}', 'team', 'red'), ('{second}', 'env', 'prod');");
#pragma warning restore EF1002, EF1003

        await db.Database.MigrateAsync();

        (await db.Database.SqlQueryRaw<int>(Mismatched).SingleAsync()).ShouldBe(0);
        (await db.Database.SqlQueryRaw<long>("SELECT sum(ResourceCreatedAt) AS Value FROM ResourceTags").SingleAsync()).ShouldBe(4096 + 4096 + 8192);
    }

    private static Resource NewResource(DateTimeOffset createdAt, Dictionary<string, string> tags) => Resource.Create(
        Guid.CreateVersion7(createdAt), $"r{Guid.NewGuid():N}"[..12], ResourceType.S3, "us-east-1", tags, new ResourceSpec(), Guid.CreateVersion7(), createdAt);
}
