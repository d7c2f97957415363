using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Drift;
using Orchestrator.Application.Lifecycle;
using Orchestrator.Application.Resources.ListResources;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// The hot resource queries on a real SQLite file: the compiled one-statement load that runs before every
/// request about one resource, the list's order and the bucket quota's count, which must come from indexes,
/// and the list's read filter, which must ask the policy grants once per statement.
/// </summary>
public sealed class ResourceQueryTests : IAsyncLifetime
{
    private MigratedSqliteFile _database = null!;

    public async Task InitializeAsync() => _database = await MigratedSqliteFile.CreateAsync("queries");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_load_for_a_read_brings_tags_and_grants_untracked()
    {
        var id = await SeedAsync();
        await using var db = NewContext(new DesignTimeFieldEncryptor());

        var resource = await new CompiledResourceLoader(db).FindAsync(id, forChange: false, CancellationToken.None);

        resource.ShouldNotBeNull();
        resource.Tags.Select(t => (t.Key, t.Value)).ShouldBe([("env", "dev"), ("team", "web")], ignoreOrder: true);
        resource.PolicyGrants.Count.ShouldBe(2);
        db.ChangeTracker.Entries().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_load_for_a_change_is_tracked_so_the_change_is_saved()
    {
        var id = await SeedAsync();
        await using (var db = NewContext(new DesignTimeFieldEncryptor()))
        {
            var resource = await new CompiledResourceLoader(db).FindAsync(id, forChange: true, CancellationToken.None);
            resource.ShouldNotBeNull().ReplaceTags(new Dictionary<string, string> { ["env"] = "prod" }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        await using var check = NewContext(new DesignTimeFieldEncryptor());
        var saved = await new CompiledResourceLoader(check).FindAsync(id, forChange: false, CancellationToken.None);
        saved.ShouldNotBeNull().Tags.Select(t => (t.Key, t.Value)).ShouldBe([("env", "prod")]);
    }

    [Fact]
    public async Task An_unknown_id_loads_nothing()
    {
        await using var db = NewContext(new DesignTimeFieldEncryptor());

        (await new CompiledResourceLoader(db).FindAsync(Guid.NewGuid(), forChange: false, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Contexts_with_different_encryptors_in_one_process_share_one_model_and_its_compiled_query()
    {
        // Field encryption lives in interceptors that find the encryptor in each context's options, not in the model,
        // so two hosts in one test process share the model EF caches per context type.
        var id = await SeedAsync();
        await using var first = NewContext(new DesignTimeFieldEncryptor());
        await using var second = NewContext(new DesignTimeFieldEncryptor());
        first.Model.ShouldBeSameAs(second.Model);

        (await new CompiledResourceLoader(first).FindAsync(id, forChange: false, CancellationToken.None)).ShouldNotBeNull();
        (await new CompiledResourceLoader(second).FindAsync(id, forChange: false, CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_page_of_the_list_is_read_in_order_from_an_index_without_sorting_every_resource()
    {
        await using var db = NewContext(new DesignTimeFieldEncryptor());
        var page = db.Resources.AsNoTracking()
            .Where(r => r.Status != ResourceStatus.Deleted)
            .OrderByDescending(r => r.CreatedAt)
            .ThenByDescending(r => r.Id)
            .Skip(100)
            .Take(50)
            .ToQueryString();

        var plan = await ExplainAsync(db, page);

        plan.ShouldContain(step => step.Contains("USING INDEX IX_Resources_CreatedAt_Id_Status_Type_OwnerId"), string.Join(" | ", plan));
        plan.ShouldNotContain(step => step.Contains("TEMP B-TREE FOR ORDER BY"), string.Join(" | ", plan));
    }

    [Fact]
    public async Task The_bucket_quota_reads_one_count_row_by_its_key()
    {
        await using var db = NewContext(new DesignTimeFieldEncryptor());
        var count = QuotaGate.LiveBucketRow(db, Guid.CreateVersion7()).ToQueryString();

        var plan = await ExplainAsync(db, count);

        plan.ShouldContain(step => step.StartsWith("SEARCH", StringComparison.Ordinal) && step.Contains("sqlite_autoindex_LiveBucketCounts_1 (OwnerId=?)"), string.Join(" | ", plan));
        plan.ShouldNotContain(step => step.Contains("Resources"), string.Join(" | ", plan));
    }

    [Fact]
    public async Task The_expiry_scan_reads_only_a_batch_of_due_rows_per_status_from_the_status_and_check_time_index()
    {
        await using var db = NewContext(new DesignTimeFieldEncryptor());
        var due = ExpiryScan.Due(db.Resources.AsNoTracking(), DateTimeOffset.UtcNow, 100).ToQueryString();

        var plan = await ExplainAsync(db, due);

        // A range on the check time within each status, read in index order and cut at the batch: only the merge of at
        // most two batches is sorted, never every due row.
        var shown = string.Join(" | ", plan);
        plan.Count(step => step.Contains("USING INDEX IX_Resources_Status_ExpiryCheckAt (Status=? AND ExpiryCheckAt>? AND ExpiryCheckAt<?)")).ShouldBe(2, shown);
        plan.Where((step, i) => step.Contains("TEMP B-TREE FOR ORDER BY") && !(i > 0 && plan[i - 1] is "SCAN r1" or "SCAN r2"))
            .ShouldBeEmpty($"a sort of more than a cut batch: {shown}");
        plan.ShouldNotContain(step => step.StartsWith("SCAN r ", StringComparison.Ordinal) || step == "SCAN r" || step == "SCAN r0", shown);
    }

    [Fact]
    public async Task The_drift_scan_reads_only_due_resources_as_ranges_of_the_status_and_due_time_index()
    {
        await using var db = NewContext(new DesignTimeFieldEncryptor());
        var due = DriftCheckQueue.Due(db.Resources.AsNoTracking(), DateTimeOffset.UtcNow, 50).ToQueryString();

        var plan = await ExplainAsync(db, due);

        // Both reads are bounded by the due time: never "(Status=?)" alone, which walks every active resource when few are due.
        var shown = string.Join(" | ", plan);
        plan.ShouldContain(step => step.Contains("USING INDEX IX_Resources_Status_DriftCheckDueAt (Status=? AND DriftCheckDueAt=?)"), shown);
        plan.ShouldContain(step => step.Contains("USING INDEX IX_Resources_Status_DriftCheckDueAt (Status=? AND DriftCheckDueAt<?)"), shown);
        plan.ShouldNotContain(step => step.Contains("(Status=?)"), shown);
        plan.ShouldNotContain(step => step.StartsWith("SCAN r ", StringComparison.Ordinal) || step == "SCAN r" || step == "SCAN r0", shown);
        plan.Where((step, i) => step.Contains("TEMP B-TREE FOR ORDER BY") && !(i > 0 && plan[i - 1] is "SCAN r1" or "SCAN r2" or "SCAN u"))
            .ShouldBeEmpty($"a sort of more than a cut batch: {shown}");
    }

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.Operator)]
    public async Task The_lists_read_filter_asks_the_policy_grants_once_not_once_per_resource(Role role)
    {
        await using var db = NewContext(new DesignTimeFieldEncryptor());
        var filtered = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), new ListResourcesQuery(null, null, null, []), Guid.CreateVersion7(), role);

        var plan = await ExplainAsync(db, filtered.Select(r => 1).ToQueryString());

        plan.ShouldNotContain(step => step.Contains("CORRELATED"), string.Join(" | ", plan));
        plan.ShouldContain(step => step.Contains("LIST SUBQUERY"), string.Join(" | ", plan));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("s3", null, null)]
    [InlineData(null, "pending", null)]
    [InlineData("s3", "pending", "us-east-1")]
    public async Task The_lists_read_filter_keeps_exactly_what_the_resource_policy_lets_the_caller_read(string? type, string? status, string? region)
    {
        // Every seeded resource passes the filters: a filtered list must keep exactly what the unfiltered one does.
        var query = new ListResourcesQuery(type, region, status, []);
        var owner = Guid.CreateVersion7();
        var someoneElse = Guid.CreateVersion7();
        var ownerAsUser = PolicyPrincipal.ForUser(owner);
        var seeded = new Dictionary<string, Guid>
        {
            ["own"] = await SeedAsync("own", owner),
            ["own, denied to the owner"] = await SeedAsync("owndenied", owner, (PolicyEffect.Deny, ownerAsUser)),
            ["own, denied to someone else"] = await SeedAsync("ownotherdenied", owner, (PolicyEffect.Deny, PolicyPrincipal.ForUser(someoneElse))),
            ["another's"] = await SeedAsync("other", someoneElse),
            ["another's, allowed to the user"] = await SeedAsync("otheruser", someoneElse, (PolicyEffect.Allow, ownerAsUser)),
            ["another's, allowed to operators"] = await SeedAsync("otherrole", someoneElse, (PolicyEffect.Allow, PolicyPrincipal.ForRole(Role.Operator))),
            ["another's, allowed to everyone"] = await SeedAsync("otherall", someoneElse, (PolicyEffect.Allow, PolicyPrincipal.Everyone)),
            ["another's, allowed to everyone, denied to operators"] = await SeedAsync(
                "otheralldenied", someoneElse, (PolicyEffect.Allow, PolicyPrincipal.Everyone), (PolicyEffect.Deny, PolicyPrincipal.ForRole(Role.Operator))),
            ["another's, denied to admins"] = await SeedAsync("otheradmindenied", someoneElse, (PolicyEffect.Deny, PolicyPrincipal.ForRole(Role.Admin))),
        };

        (await ReadableAsync(owner, Role.Operator)).ShouldBe(
            IdsOf("own", "own, denied to someone else", "another's, allowed to the user", "another's, allowed to operators", "another's, allowed to everyone"),
            ignoreOrder: true);
        (await ReadableAsync(owner, Role.Admin)).ShouldBe(
            seeded.Where(s => s.Key is not "own, denied to the owner" and not "another's, denied to admins").Select(s => s.Value),
            ignoreOrder: true);
        (await ReadableAsync(owner, Role.Viewer)).ShouldBe(
            IdsOf("own", "own, denied to someone else", "another's, allowed to the user", "another's, allowed to everyone", "another's, allowed to everyone, denied to operators"),
            ignoreOrder: true);

        IEnumerable<Guid> IdsOf(params string[] names) => names.Select(name => seeded[name]);

        async Task<List<Guid>> ReadableAsync(Guid userId, Role role)
        {
            await using var db = NewContext(new DesignTimeFieldEncryptor());
            var filtered = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, userId, role);
            var ids = await filtered.Select(r => r.Id).ToListAsync();
            // The list's count and its page (two parts merged, for a caller who reads their own and granted) keep the same.
            (await ResourceListQuery.CountAsync(db, query, userId, role, CancellationToken.None)).ShouldBe(ids.Count);
            var page = await ResourceListQuery.PageAsync(db, query, userId, role, _ => false, null, 1, 100, CancellationToken.None);
            page.Select(position => position.Id).ShouldBe(ids, ignoreOrder: true);
            return ids;
        }
    }

    private SqliteAppDbContext NewContext(DesignTimeFieldEncryptor encryptor) => _database.NewContext(encryptor);

    private async Task<Guid> SeedAsync()
    {
        await using var db = NewContext(new DesignTimeFieldEncryptor());
        var now = DateTimeOffset.UtcNow;
        var resource = Resource.Create(
            Guid.CreateVersion7(now), "web1", ResourceType.S3, "us-east-1",
            new Dictionary<string, string> { ["env"] = "dev", ["team"] = "web" },
            new ResourceSpec { Versioning = false }, Guid.CreateVersion7(), now);
        resource.ReplacePolicy(
            new ResourcePolicy([new PolicyStatement(PolicyEffect.Allow, [PolicyPrincipal.ForRole(Role.Viewer)], [ResourceAction.Read, ResourceAction.Update])]),
            now);
        db.Resources.Add(resource);
        await db.SaveChangesAsync();
        return resource.Id;
    }

    private async Task<Guid> SeedAsync(string name, Guid ownerId, params (PolicyEffect Effect, string Principal)[] readGrants)
    {
        await using var db = NewContext(new DesignTimeFieldEncryptor());
        var now = DateTimeOffset.UtcNow;
        var resource = Resource.Create(
            Guid.CreateVersion7(now), name, ResourceType.S3, "us-east-1", new Dictionary<string, string>(), new ResourceSpec(), ownerId, now);
        resource.ReplacePolicy(
            new ResourcePolicy([.. readGrants.Select(grant => new PolicyStatement(grant.Effect, [grant.Principal], [ResourceAction.Read]))]),
            now);
        db.Resources.Add(resource);
        await db.SaveChangesAsync();
        return resource.Id;
    }

    private static Task<List<string>> ExplainAsync(DbContext db, string statement) => QueryPlan.ExplainAsync(db, statement);
}
