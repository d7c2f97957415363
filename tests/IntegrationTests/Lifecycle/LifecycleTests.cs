using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Infrastructure.Cloud.Sandbox;
using Orchestrator.IntegrationTests.Infrastructure;
using static Orchestrator.IntegrationTests.Lifecycle.ClockedLifecycleHost;

namespace Orchestrator.IntegrationTests.Lifecycle;

/// <summary>
/// Expiry, deletion protection, retry and forget over the real HTTP pipeline, with the job and expiry workers
/// running on the Sandbox and a fake clock.
/// </summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly ClockedLifecycleHost _host = new();

    public void Dispose() => _host.Dispose();

    private string In(TimeSpan span) => (_host.Clock.GetUtcNow() + span).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_resource_is_warned_before_its_expiry_then_deleted_at_it_by_the_service()
    {
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var id = await CreateAsync(admin, new { name = "expiring01", type = "ec2", region = "us-east-1", expiresAt = In(TimeSpan.FromMinutes(10)) });
        await _host.PumpUntilAsync(() => StatusAsync(admin, id), s => s == "active", "creation");
        (await AuditAsync(admin, id, "resource.expiring")).ShouldBeEmpty();

        // Past the warning (5 minutes before), not yet the expiry: one warning, nothing deleted.
        await _host.AdvanceAsync(TimeSpan.FromMinutes(6));
        await _host.PumpUntilAsync(() => AuditAsync(admin, id, "resource.expiring"), a => a.Count == 1, "the warning", TimeSpan.FromSeconds(1));
        (await StatusAsync(admin, id)).ShouldBe("active");

        await _host.AdvanceAsync(TimeSpan.FromMinutes(5));
        await _host.PumpUntilAsync(() => StatusAsync(admin, id), s => s == "deleted", "deletion at expiry");
        var expired = await AuditAsync(admin, id, "resource.expired");
        expired.Count.ShouldBe(1);
        expired[0]!["userId"].ShouldBeNull("the service itself expired it");
        (await AuditAsync(admin, id, "resource.expiring")).Count.ShouldBe(1);
        _host.Cloud.TagsOf(Guid.Parse(id)).ShouldBeNull("the cloud resource is gone");
    }

    [Fact]
    public async Task Protection_refuses_a_delete_with_how_to_lift_it_then_allows_it_once_lifted()
    {
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var id = await CreateAsync(admin, new { name = "protected01", type = "rds", region = "us-east-1" });
        using (var read = await admin.GetAsync($"/api/v1/resources/{id}"))
        {
            (await read.ReadJsonAsync())["deletionProtection"]!.GetValue<bool>().ShouldBeTrue("rds is protected by default");
        }

        using (var refused = await admin.DeleteAsync($"/api/v1/resources/{id}"))
        {
            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict);
            problem["type"]!.GetValue<string>().ShouldEndWith("deletion-protected");
            problem["detail"]!.GetValue<string>().ShouldContain("\"deletionProtection\": false");
        }

        (await StatusAsync(admin, id)).ShouldNotBe("deleting");
        using (var lifted = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"deletionProtection":false}"""))
        {
            lifted.StatusCode.ShouldBe(HttpStatusCode.OK, await lifted.Content.ReadAsStringAsync());
            (await lifted.ReadJsonAsync())["deletionProtection"]!.GetValue<bool>().ShouldBeFalse();
        }

        (await AuditAsync(admin, id, "resource.protection-changed")).Count.ShouldBe(1);
        using var accepted = await admin.DeleteAsync($"/api/v1/resources/{id}");
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_protected_resource_at_expiry_is_not_deleted_the_block_is_audited_and_repeated_until_protection_is_lifted()
    {
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var id = await CreateAsync(admin, new { name = "blocked01", type = "rds", region = "us-east-1", expiresAt = In(TimeSpan.FromMinutes(3)) });
        await _host.PumpUntilAsync(() => StatusAsync(admin, id), s => s == "active", "creation");
        (_host.Cloud.DeletionProtectionOf(Guid.Parse(id))).ShouldBe(true, "set in the cloud at creation");

        await _host.AdvanceAsync(TimeSpan.FromMinutes(4));
        await _host.PumpUntilAsync(() => AuditAsync(admin, id, "resource.expiry-blocked"), a => a.Count == 1, "the blocked expiry", TimeSpan.FromSeconds(1));
        (await StatusAsync(admin, id)).ShouldBe("active");

        // The block is looked at again (Lifecycle:BlockedExpiryRecheck), and warned again.
        await _host.AdvanceAsync(TimeSpan.FromMinutes(11));
        await _host.PumpUntilAsync(() => AuditAsync(admin, id, "resource.expiry-blocked"), a => a.Count == 2, "the second block", TimeSpan.FromSeconds(1));
        (await AuditAsync(admin, id, "resource.expiring")).Count.ShouldBeGreaterThanOrEqualTo(2);
        (await StatusAsync(admin, id)).ShouldBe("active");

        // Lifting the protection lets the next scan expire it; the cloud's own protection was lifted by the PATCH.
        using (var lifted = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"deletionProtection":false}"""))
        {
            lifted.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await _host.PumpUntilAsync(
            () => StatusAsync(admin, id), s => s == "deleted",
            "deletion once unprotected; " + string.Join(" | ", _host.Factory.Logs.Entries.Where(e => e.Category.Contains("Expiry", StringComparison.Ordinal) || e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Message).TakeLast(15)),
            TimeSpan.FromSeconds(1));
        (await AuditAsync(admin, id, "resource.expired")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_failed_creation_retried_ends_active_with_one_cloud_resource_and_other_states_refuse_a_retry()
    {
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var id = await CreateAsync(admin, new { name = "failing01", type = "ec2", region = "us-east-1" });
        await _host.PumpUntilAsync(() => StatusAsync(admin, id), s => s == "failed", "the injected failure");

        // The cause goes away (the configuration no longer injects it), and the owner retries.
        _host.Factory.Services.GetRequiredService<IOptions<SandboxCloudOptions>>().Value.FailingNames.Remove("failing01");
        using (var retried = await admin.PostAsync($"/api/v1/resources/{id}/retry", null))
        {
            retried.StatusCode.ShouldBe(HttpStatusCode.Accepted, await retried.Content.ReadAsStringAsync());
            var body = await retried.ReadJsonAsync();
            body["status"]!.GetValue<string>().ShouldBe("pending");
            body["failureCode"].ShouldBeNull();
        }

        await _host.PumpUntilAsync(() => StatusAsync(admin, id), s => s == "active", "the retried creation");
        _host.Cloud.CreationsOf(Guid.Parse(id)).ShouldBe(1);
        (await AuditAsync(admin, id, "resource.retried")).Count.ShouldBe(1);

        using var again = await admin.PostAsync($"/api/v1/resources/{id}/retry", null);
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_retried_bucket_counts_again_toward_the_live_bucket_quota()
    {
        var (owner, _) = await _host.Factory.CreateUserClientAsync("operator");
        using (owner)
        {
            var failed = await CreateAsync(owner, new { name = "failing02", type = "s3", region = "us-east-1" });
            await _host.PumpUntilAsync(() => StatusAsync(owner, failed), s => s == "failed", "the injected failure");

            // A failed bucket does not count: the one slot (Quotas:S3Buckets = 1) takes another bucket...
            var live = await CreateAsync(owner, new { name = "live01", type = "s3", region = "us-east-1" });

            // ...so the retry, which would make a second live bucket, is refused and changes nothing.
            using var refused = await owner.PostAsync($"/api/v1/resources/{failed}/retry", null);
            (await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["type"]!.GetValue<string>().ShouldEndWith("quota-exceeded");
            (await StatusAsync(owner, failed)).ShouldBe("failed");

            using var admin = await _host.Factory.CreateAdminClientAsync();
            using var deleted = await admin.DeleteAsync($"/api/v1/resources/{live}");
            deleted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            using var retried = await owner.PostAsync($"/api/v1/resources/{failed}/retry", null);
            retried.StatusCode.ShouldBe(HttpStatusCode.Accepted, await retried.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Forget_stops_managing_a_resource_tags_it_orphaned_in_the_cloud_and_never_deletes_it()
    {
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var id = await CreateAsync(admin, new { name = "forget01", type = "ec2", region = "us-east-1", tags = new { env = "dev" } });
        await _host.PumpUntilAsync(() => StatusAsync(admin, id), s => s == "active", "creation");

        var (operatorClient, _) = await _host.Factory.CreateUserClientAsync("operator");
        using (operatorClient)
        using (var denied = await operatorClient.PostAsync($"/api/v1/resources/{id}/forget", null))
        {
            denied.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        }

        using (var forgotten = await admin.PostAsync($"/api/v1/resources/{id}/forget", null))
        {
            forgotten.StatusCode.ShouldBe(HttpStatusCode.OK, await forgotten.Content.ReadAsStringAsync());
            (await forgotten.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("forgotten");
        }

        var tags = await _host.PumpUntilAsync(
            () => Task.FromResult(_host.Cloud.TagsOf(Guid.Parse(id))), t => t?.ContainsKey("orchestrator:orphaned") == true, "the orphaned tag");
        tags!["orchestrator:orphaned"].ShouldBe("true");
        tags["env"].ShouldBe("dev", "the other tags stay");

        using (var delete = await admin.DeleteAsync($"/api/v1/resources/{id}"))
        {
            await delete.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        }

        using (var repeated = await admin.PostAsync($"/api/v1/resources/{id}/forget", null))
        {
            repeated.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await AuditAsync(admin, id, "resource.forgotten")).Count.ShouldBe(1);
        _host.Cloud.CreationsOf(Guid.Parse(id)).ShouldBe(1);
        _host.Cloud.TagsOf(Guid.Parse(id)).ShouldNotBeNull("still in the cloud");
    }

    [Fact]
    public async Task Patch_sets_and_clears_the_expiry_and_refuses_one_in_the_past_or_an_empty_body()
    {
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var id = await CreateAsync(admin, new { name = "patch01", type = "ec2", region = "us-east-1", tags = new { env = "dev" } });

        using (var set = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", $$"""{"expiresAt":"{{In(TimeSpan.FromHours(2))}}"}"""))
        {
            var body = await set.ReadJsonAsync();
            set.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
            body["expiresAt"].ShouldNotBeNull();
            body["tags"]!["env"]!.GetValue<string>().ShouldBe("dev", "a field left out stays");
        }

        using (var cleared = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"expiresAt":null}"""))
        {
            cleared.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await cleared.ReadJsonAsync())["expiresAt"].ShouldBeNull("null clears it");
        }

        using (var past = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", $$"""{"expiresAt":"{{In(TimeSpan.FromMinutes(-1))}}"}"""))
        {
            (await past.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["expiresAt"].ShouldNotBeNull();
        }

        using var empty = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", "{}");
        await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
