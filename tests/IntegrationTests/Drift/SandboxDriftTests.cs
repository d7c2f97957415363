using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Application.Provisioning;
using Orchestrator.Infrastructure.Cloud.Sandbox;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Provisioning;

namespace Orchestrator.IntegrationTests.Drift;

/// <summary>
/// Drift on the embedded cloud, over the real HTTP pipeline with the provisioning and drift workers running on a fake
/// clock: a change made behind the service's back (a tag, a security setting, a deletion) is found at the next
/// scheduled check, shown in <c>drift</c>, audited once, and put back by a reconcile; a deleted resource is never recreated.
/// </summary>
public sealed class SandboxDriftTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<OrchestratorApiFactory> _factories = [];

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }

    [Fact]
    public async Task A_changed_tag_and_setting_are_reported_once_and_a_reconcile_puts_them_back()
    {
        var factory = Host("detect");
        using var admin = await factory.CreateAdminClientAsync();
        var id = await CreateActiveAsync(admin, "ec2", "driftvm01");
        (await admin.ResourceAsync(id))["drift"]!["state"]!.GetValue<string>().ShouldBe("unknown");

        // First scheduled check: in sync.
        await _clock.AdvanceUntilAsync(Step, Interval * 2, async () => await admin.DriftStateAsync(id) == "in-sync", "the first check");

        var cloud = factory.Services.GetRequiredService<SandboxCloud>();
        var resourceId = Guid.Parse(id);
        cloud.ChangeTagBehindTheService(resourceId, "env", "prod");
        cloud.ChangeTagBehindTheService(resourceId, "costcentre", "x1");
        cloud.ChangeSettingBehindTheService(resourceId, "imdsV2Required", "false");

        await _clock.AdvanceUntilAsync(Step, Interval * 2, async () => await admin.DriftStateAsync(id) == "drifted", "the change found");
        var drifted = await admin.ResourceAsync(id);
        DriftApi.Differences(drifted).ShouldBe(["tags.env:dev:prod", "tags.costcentre:-:x1", "posture.imdsV2Required:true:false"]);
        drifted["posture"]!.AsArray().Single(p => p!["setting"]!.GetValue<string>() == "imdsV2Required")!["actual"]!.GetValue<string>().ShouldBe("false");
        var checkedAt = drifted["drift"]!["checkedAt"]!.GetValue<DateTimeOffset>();

        // The next pass finds the same differences: checked again, audited only once.
        await _clock.AdvanceUntilAsync(
            Step, Interval * 2, async () => (await admin.ResourceAsync(id))["drift"]!["checkedAt"]!.GetValue<DateTimeOffset>() > checkedAt, "a second pass");
        var audited = await admin.AuditAsync(id, "resource.drifted");
        audited.Count.ShouldBe(1);
        audited[0]["details"]!.GetValue<string>().ShouldContain("posture.imdsV2Required");

        using (var accepted = await admin.ReconcileAsync(id))
        {
            accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
            accepted.Headers.Location!.ToString().ShouldBe($"/api/v1/resources/{id}");
        }

        await _clock.AdvanceUntilAsync(Step, Interval, async () => await admin.DriftStateAsync(id) == "in-sync", "the reconcile");
        var tags = cloud.TagsOf(resourceId).ShouldNotBeNull();
        tags["env"].ShouldBe("dev");
        tags.ContainsKey("costcentre").ShouldBeFalse();
        var repaired = await admin.ResourceAsync(id);
        repaired["posture"]!.AsArray().ShouldAllBe(p => p!["actual"]!.GetValue<string>() == p["expected"]!.GetValue<string>());
        var reconciled = (await admin.AuditAsync(id, "resource.reconciled")).ShouldHaveSingleItem();
        reconciled["details"]!.GetValue<string>().ShouldContain("tags.env");
        reconciled["details"]!.GetValue<string>().ShouldContain("posture.imdsV2Required");
        cloud.CreationsOf(resourceId).ShouldBe(1);
    }

    [Fact]
    public async Task A_check_the_cloud_refuses_leaves_the_last_outcome_and_the_next_pass_finds_the_change()
    {
        var factory = Host("detect");
        using var admin = await factory.CreateAdminClientAsync();
        var id = await CreateActiveAsync(admin, "s3", "driftbucket09");
        await _clock.AdvanceUntilAsync(Step, Interval * 2, async () => await admin.DriftStateAsync(id) == "in-sync", "the first check");
        var firstCheck = (await admin.ResourceAsync(id))["drift"]!["checkedAt"]!.GetValue<DateTimeOffset>();

        // AWS throttles every description for a while; meanwhile someone changes a tag.
        var cloud = factory.Services.GetRequiredService<SandboxCloud>();
        var refused = 0;
        cloud.BeforeDescribeCall = _ =>
        {
            Interlocked.Increment(ref refused);
            throw new CloudTransientException("GetBucketTagging", "Throttled.", new HttpRequestException("Throttling: Rate exceeded"));
        };
        cloud.ChangeTagBehindTheService(Guid.Parse(id), "env", "prod");
        await _clock.AdvanceUntilAsync(Step, Interval * 3, () => Task.FromResult(Volatile.Read(ref refused) >= 2), "two refused checks");

        var meanwhile = await admin.ResourceAsync(id);
        meanwhile["status"]!.GetValue<string>().ShouldBe("active");
        meanwhile["drift"]!["state"]!.GetValue<string>().ShouldBe("in-sync", "a refused check is no outcome");
        meanwhile["drift"]!["checkedAt"]!.GetValue<DateTimeOffset>().ShouldBe(firstCheck);
        (await admin.AuditAsync(id, "resource.drifted")).ShouldBeEmpty();

        cloud.BeforeDescribeCall = null;
        await _clock.AdvanceUntilAsync(Step, Interval * 2, async () => await admin.DriftStateAsync(id) == "drifted", "the change found once AWS answers");
        DriftApi.Differences(await admin.ResourceAsync(id)).ShouldBe(["tags.env:dev:prod"]);
        (await admin.AuditAsync(id, "resource.drifted")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task In_reconcile_mode_changes_are_put_back_and_a_deleted_resource_is_marked_not_recreated()
    {
        var factory = Host("reconcile");
        using var admin = await factory.CreateAdminClientAsync();
        var bucket = await CreateActiveAsync(admin, "s3", "driftbucket01");
        var database = await CreateActiveAsync(admin, "rds", "driftdb01");
        var cloud = factory.Services.GetRequiredService<SandboxCloud>();

        cloud.ChangeTagBehindTheService(Guid.Parse(bucket), "env", "prod");
        cloud.ChangeSettingBehindTheService(Guid.Parse(bucket), "blockPublicAccess", "false");
        cloud.DeleteBehindTheService(Guid.Parse(database));

        await _clock.AdvanceUntilAsync(
            Step,
            Interval * 3,
            async () => await admin.DriftStateAsync(database) == "drifted" && (await admin.AuditAsync(bucket, "resource.reconciled")).Count == 1,
            "the deletion marked and the bucket repaired");

        var gone = await admin.ResourceAsync(database);
        DriftApi.Differences(gone).ShouldBe(["exists:true:false"]);
        gone["status"]!.GetValue<string>().ShouldBe("active");
        (await admin.AuditAsync(database, "resource.drifted")).ShouldHaveSingleItem();
        (await admin.AuditAsync(database, "resource.reconciled")).ShouldBeEmpty();

        // The bucket's drift was recorded, then repaired: its tag and setting are as recorded again.
        (await admin.AuditAsync(bucket, "resource.drifted")).ShouldHaveSingleItem();
        (await admin.DriftStateAsync(bucket)).ShouldBe("in-sync");
        cloud.TagsOf(Guid.Parse(bucket))!["env"].ShouldBe("dev");

        // Later passes never recreate the deleted one, and do not audit it again.
        await _clock.AdvanceByAsync(Interval * 2, Step);
        cloud.TagsOf(Guid.Parse(database)).ShouldBeNull();
        cloud.CreationsOf(Guid.Parse(database)).ShouldBe(1);
        (await admin.AuditAsync(database, "resource.drifted")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Each_databases_own_deletion_protection_is_expected_and_a_reconcile_puts_that_back()
    {
        var factory = Host("detect");
        using var admin = await factory.CreateAdminClientAsync();
        var open = await CreateActiveAsync(admin, "rds", "opendb01", deletionProtection: false);
        var kept = await CreateActiveAsync(admin, "rds", "keptdb01");
        var cloud = factory.Services.GetRequiredService<SandboxCloud>();

        await _clock.AdvanceUntilAsync(
            Step, Interval * 2, async () => await admin.DriftStateAsync(open) == "in-sync" && await admin.DriftStateAsync(kept) == "in-sync", "the first checks");

        // Someone flips each database's protection in the cloud.
        cloud.ChangeSettingBehindTheService(Guid.Parse(open), "deletionProtection", "true");
        cloud.ChangeSettingBehindTheService(Guid.Parse(kept), "deletionProtection", "false");
        await _clock.AdvanceUntilAsync(
            Step, Interval * 2, async () => await admin.DriftStateAsync(open) == "drifted" && await admin.DriftStateAsync(kept) == "drifted", "the flips found");
        DriftApi.Differences(await admin.ResourceAsync(open)).ShouldBe(["posture.deletionProtection:false:true"]);
        DriftApi.Differences(await admin.ResourceAsync(kept)).ShouldBe(["posture.deletionProtection:true:false"]);

        foreach (var id in new[] { open, kept })
        {
            using var accepted = await admin.ReconcileAsync(id);
            accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        }

        await _clock.AdvanceUntilAsync(
            Step, Interval, async () => await admin.DriftStateAsync(open) == "in-sync" && await admin.DriftStateAsync(kept) == "in-sync", "the reconciles");
        cloud.DeletionProtectionOf(Guid.Parse(open)).ShouldBe(false);
        cloud.DeletionProtectionOf(Guid.Parse(kept)).ShouldBe(true);
    }

    [Fact]
    public async Task Reconcile_needs_an_active_resource_and_update_permission()
    {
        var factory = Host("detect", provisioning: false);
        using var admin = await factory.CreateAdminClientAsync();
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;
        var (viewer, _) = await factory.CreateUserClientAsync("viewer");
        using var _v = viewer;
        var (stranger, _) = await factory.CreateUserClientAsync("operator");
        using var _s = stranger;
        var id = await owner.CreatePendingAsync(new { name = "pending01", type = "s3", region = "us-east-1" });

        using (var pending = await owner.ReconcileAsync(id))
        {
            var problem = await pending.ShouldBeProblemAsync(HttpStatusCode.Conflict);
            problem["detail"]!.GetValue<string>().ShouldContain("pending");
        }

        using (var notVisible = await stranger.ReconcileAsync(id))
        {
            await notVisible.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        using (var readOnly = await viewer.ReconcileAsync(id))
        {
            await readOnly.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    private OrchestratorApiFactory Host(string mode, bool provisioning = true)
    {
        var factory = new OrchestratorApiFactory()
            .With("Drift:Interval", Interval.ToString())
            .With("Drift:Mode", mode)
            .With("Drift:PollInterval", "00:00:01")
            .With("Cloud:Sandbox:TransientFailuresPerResource", "0")
            .WithServices(services => services.AddSingleton<TimeProvider>(_clock));
        if (provisioning)
        {
            factory.WithProvisioning();
        }

        _factories.Add(factory);
        return factory;
    }

    private async Task<string> CreateActiveAsync(HttpClient admin, string type, string name, bool? deletionProtection = null)
    {
        var id = deletionProtection is { } protection
            ? await admin.CreatePendingAsync(new { name, type, region = "eu-west-2", tags = new { env = "dev" }, deletionProtection = protection })
            : await admin.CreatePendingAsync(new { name, type, region = "eu-west-2", tags = new { env = "dev" } });
        await _clock.AdvanceUntilAsync(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), async () => (await admin.ResourceAsync(id))["status"]!.GetValue<string>() == "active", $"{name} active");
        return id;
    }
}
