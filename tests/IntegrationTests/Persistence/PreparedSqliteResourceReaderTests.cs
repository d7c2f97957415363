using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Configurations;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// The SQLite read path that bypasses EF for the load before every read of one resource, on a real file:
/// it must read a row exactly as the EF mapping does, see every committed change, and keep up with the model.
/// </summary>
public sealed class PreparedSqliteResourceReaderTests : IAsyncLifetime
{
    private MigratedSqliteFile _database = null!;
    private PreparedSqliteResourceReader _reader = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedSqliteFile.CreateAsync("reader");
        _reader = new PreparedSqliteResourceReader(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        _reader.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task It_reads_every_resource_exactly_as_the_EF_mapping_does()
    {
        var now = new DateTimeOffset(2026, 11, 27, 9, 30, 15, 123, TimeSpan.Zero).AddTicks(4567);
        var owner = Guid.CreateVersion7();
        var tagged = Resource.Create(
            Guid.CreateVersion7(now), "web1", ResourceType.S3, "us-east-1",
            new Dictionary<string, string> { ["team"] = "web", ["env"] = "dev", ["cost-centre"] = "42" },
            new ResourceSpec { Versioning = true }, owner, now);
        tagged.ReplacePolicy(
            new ResourcePolicy(
            [
                new PolicyStatement(PolicyEffect.Allow, [PolicyPrincipal.ForRole(Role.Viewer)], [ResourceAction.Read, ResourceAction.Update]),
                new PolicyStatement(PolicyEffect.Deny, [PolicyPrincipal.ForUser(Guid.CreateVersion7())], [ResourceAction.Delete]),
            ]),
            now.AddMinutes(1));

        var active = Resource.Create(
            Guid.CreateVersion7(now), "app1", ResourceType.Ec2, "eu-west-2", new Dictionary<string, string>(),
            new ResourceSpec { InstanceType = "t3.micro", ImageId = "ami-0123456789abcdef0" }, owner, now);
        active.MarkProvisioning(now.AddSeconds(1));
        active.MarkActive(
            "i-0abc",
            new Dictionary<string, string> { ["instanceId"] = "i-0abc", ["privateIpAddress"] = "10.0.1.23" },
            [new PostureReading("imdsV2Required", "true", "true"), new PostureReading("publicIp", "false", null)],
            now.AddSeconds(2));
        active.ChangeExpiry(now.AddDays(7), TimeSpan.FromDays(1), now.AddSeconds(3));
        active.ChangeDeletionProtection(true, now.AddSeconds(3));
        active.RecordDriftCheck(
            [new DriftDifference("tags", "{\"env\":\"dev\"}", null), new DriftDifference("instanceType", "t3.micro", "t3.large")],
            [new PostureReading("imdsV2Required", "true", "false")],
            now.AddSeconds(4));
        active.ScheduleDriftCheck(now.AddHours(1));

        // Text beyond ASCII in every column that may hold it: the reader decodes SQLite's UTF-8 itself.
        var unicode = Resource.Create(
            Guid.CreateVersion7(now), "cafe1", ResourceType.S3, "eu-west-3",
            new Dictionary<string, string> { ["ville"] = "Zürich+café", ["équipe"] = "日本語 ✓" },
            new ResourceSpec { Versioning = false }, owner, now);
        unicode.MarkProvisioning(now.AddSeconds(1));
        unicode.MarkFailed("cloud.limit-exceeded", "Refusé: « quota » atteint.", now.AddSeconds(2));

        var failed = Resource.Create(
            Guid.CreateVersion7(now), "db1", ResourceType.Rds, "ap-south-1", new Dictionary<string, string> { ["env"] = "prod" },
            new ResourceSpec { Engine = "postgres", InstanceClass = "db.t3.micro", AllocatedStorage = 20 }, Guid.CreateVersion7(), now);
        failed.MarkProvisioning(now.AddSeconds(1));
        failed.MarkFailed("cloud.limit-exceeded", "AWS CreateDBInstance refused: the account reached a limit.", now.AddSeconds(3));

        await SaveAsync(tagged, active, failed, unicode);

        await using var db = NewContext();
        foreach (var id in new[] { tagged.Id, active.Id, failed.Id, unicode.Id })
        {
            var expected = (await new CompiledResourceLoader(db).FindAsync(id, forChange: false, CancellationToken.None)).ShouldNotBeNull();
            var actual = (await _reader.FindAsync(id, CancellationToken.None)).ShouldNotBeNull();

            Describe(actual).ShouldBe(Describe(expected));
            actual.CreatedAt.Offset.ShouldBe(expected.CreatedAt.Offset);
        }
    }

    [Fact]
    public async Task A_page_of_ids_is_read_in_the_order_asked_each_resource_with_its_own_tags_as_the_EF_loader_reads_them()
    {
        var owner = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var threeTags = Resource.Create(
            Guid.CreateVersion7(), "web1", ResourceType.S3, "us-east-1",
            new Dictionary<string, string> { ["team"] = "web", ["env"] = "dev", ["cost-centre"] = "42" }, new ResourceSpec(), owner, now);
        var untagged = Resource.Create(
            Guid.CreateVersion7(), "app1", ResourceType.Ec2, "eu-west-2", new Dictionary<string, string>(),
            new ResourceSpec { InstanceType = "t3.micro", ImageId = "ami-0123456789abcdef0" }, owner, now);
        var oneTag = Resource.Create(
            Guid.CreateVersion7(), "db1", ResourceType.Rds, "ap-south-1", new Dictionary<string, string> { ["env"] = "prod" },
            new ResourceSpec { Engine = "postgres", InstanceClass = "db.t3.micro", AllocatedStorage = 20 }, owner, now);
        oneTag.ReplacePolicy(
            new ResourcePolicy([new PolicyStatement(PolicyEffect.Allow, [PolicyPrincipal.ForRole(Role.Viewer)], [ResourceAction.Read])]), now);
        var alsoUntagged = NewResource();
        alsoUntagged.ReplaceTags(new Dictionary<string, string>(), now);
        await SaveAsync(threeTags, untagged, oneTag, alsoUntagged);

        // Not the insertion order, untagged resources side by side and between tagged ones, and an id with no resource.
        Guid[] asked = [oneTag.Id, untagged.Id, alsoUntagged.Id, Guid.CreateVersion7(), threeTags.Id];
        var read = await _reader.FindManyAsync(asked, CancellationToken.None);
        await using var db = NewContext();
        var expected = await new CompiledResourceLoader(db).FindManyAsync(asked, CancellationToken.None);

        read.Select(r => r.Id).ShouldBe([oneTag.Id, untagged.Id, alsoUntagged.Id, threeTags.Id]);
        read.Select(Describe).ShouldBe(expected.Select(Describe));
        read[^1].TagDictionary().Count.ShouldBe(3);
        read[1].Tags.ShouldBeEmpty();
        (await _reader.FindManyAsync([], CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_id_reads_nothing()
    {
        await SaveAsync(NewResource());

        (await _reader.FindAsync(Guid.NewGuid(), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_change_committed_after_the_statement_was_prepared_is_seen_by_the_next_read()
    {
        var resource = NewResource();
        await SaveAsync(resource);
        (await _reader.FindAsync(resource.Id, CancellationToken.None)).ShouldNotBeNull().Version.ShouldBe(1);

        await using (var db = NewContext())
        {
            var tracked = (await new CompiledResourceLoader(db).FindAsync(resource.Id, forChange: true, CancellationToken.None)).ShouldNotBeNull();
            tracked.ReplaceTags(new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "gold" }, DateTimeOffset.UtcNow);
            tracked.ReplacePolicy(
                new ResourcePolicy([new PolicyStatement(PolicyEffect.Deny, [PolicyPrincipal.ForRole(Role.Viewer)], [ResourceAction.Read])]),
                DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var reread = (await _reader.FindAsync(resource.Id, CancellationToken.None)).ShouldNotBeNull();
        reread.Version.ShouldBe(3);
        reread.TagDictionary().ShouldBe(new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "gold" });
        reread.PolicyGrants.Select(g => (g.Effect, g.Action)).ShouldBe([(PolicyEffect.Deny, ResourceAction.Read)]);
    }

    [Fact]
    public async Task Concurrent_reads_each_get_their_own_resource()
    {
        var resources = Enumerable.Range(1, 8).Select(_ => NewResource()).ToArray();
        await SaveAsync(resources);

        // One resource, or two by their ids (a page), on the same connections: each read gets its own answer.
        var reads = Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            Guid[] expected = i % 2 == 0
                ? [resources[i % resources.Length].Id]
                : [resources[i % resources.Length].Id, resources[(i + 3) % resources.Length].Id];
            var read = expected.Length == 1
                ? [(await _reader.FindAsync(expected[0], CancellationToken.None))?.Id]
                : (await _reader.FindManyAsync(expected, CancellationToken.None)).Select(r => (Guid?)r.Id).ToArray();
            return (Expected: expected, Read: read);
        }));

        foreach (var (expected, read) in await Task.WhenAll(reads))
        {
            read.ShouldBe(expected.Select(id => (Guid?)id));
        }
    }

    [Fact]
    public async Task It_reads_every_column_the_EF_model_maps_for_resources_and_their_tags()
    {
        // A column added to the mapping must be added to the reader too, or reads would silently lose it.
        await using var db = NewContext();
        var resource = db.Model.FindEntityType(typeof(Resource)).ShouldNotBeNull();
        var tag = resource.FindNavigation(nameof(Resource.Tags)).ShouldNotBeNull().TargetEntityType;

        resource.GetProperties().Select(p => p.GetColumnName()).ShouldBe(PreparedSqliteResourceReader.ResourceColumns, ignoreOrder: true);
        // Less the tag's copy of its resource's creation time, which orders the tag index and is read from the resource.
        tag.GetProperties().Select(p => p.GetColumnName()).Where(c => c != "ResourceCreatedAt").ShouldBe(PreparedSqliteResourceReader.TagColumns, ignoreOrder: true);
    }

    private static Resource NewResource() => Resource.Create(
        Guid.CreateVersion7(), "web1", ResourceType.S3, "us-east-1", new Dictionary<string, string> { ["env"] = "dev" },
        new ResourceSpec { Versioning = false }, Guid.CreateVersion7(), DateTimeOffset.UtcNow);

    /// <summary>Everything a resource exposes, in one comparable string.</summary>
    private static string Describe(Resource r) => string.Join(
        " | ",
        r.Id, r.Name, r.Type, r.Region, r.Spec, r.Status, r.StatusReason ?? "(null)", r.FailureCode ?? "(null)", r.ProviderId ?? "(null)", r.OwnerId,
        ResourceDocumentColumns.OutputsToJson(r.Outputs), ResourceDocumentColumns.PostureToJson(r.Posture),
        r.CreatedAt.UtcTicks, r.UpdatedAt.UtcTicks, r.Version, ResourceDocumentColumns.PolicyToJson(r.Policy),
        r.ExpiresAt?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "(null)", r.DeletionProtection,
        r.ExpiryCheckAt?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "(null)",
        ResourceDocumentColumns.DriftToJson(r.Drift) ?? "(null)", r.DriftCheckDueAt?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "(null)",
        string.Join(",", r.Tags.Select(t => $"{t.Key}={t.Value}").Order(StringComparer.Ordinal)),
        string.Join(",", r.PolicyGrants.Select(g => $"{g.Effect}:{g.Principal}:{g.Action}").Order(StringComparer.Ordinal)));

    private async Task SaveAsync(params Resource[] resources)
    {
        await using var db = NewContext();
        db.Resources.AddRange(resources);
        await db.SaveChangesAsync();
    }

    private SqliteAppDbContext NewContext() => _database.NewContext();
}
