using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Provisioning;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Infrastructure.Cloud.Sandbox;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>End to end on the embedded default cloud: the worker drives each resource type through its lifecycle.</summary>
public sealed class SandboxProvisioningTests : IDisposable
{
    private readonly OrchestratorApiFactory _factory = new OrchestratorApiFactory()
        .WithProvisioning()
        .With("Cloud:Sandbox:FailingNames:0", "doomed01")
        .With("Cloud:Sandbox:FailingNames:1", "doomed02")
        .With("Cloud:Sandbox:FailingNames:2", "doomed03")
        .With("Cloud:Sandbox:TransientFailuresPerResource", "0");

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("ec2", "{\"instanceType\":\"t3.micro\"}")]
    [InlineData("s3", "{}")]
    [InlineData("rds", "{\"engine\":\"postgres\",\"instanceClass\":\"db.t3.micro\",\"allocatedStorage\":20}")]
    public async Task Each_type_becomes_active_then_deleted(string type, string spec)
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new
        {
            name = $"{type}sandbox",
            type,
            region = "eu-west-2",
            tags = new Dictionary<string, string> { ["env"] = "dev" },
            spec = System.Text.Json.JsonDocument.Parse(spec).RootElement,
            deletionProtection = false,
        });

        var active = await admin.WaitForStatusAsync(id, "active");
        active["providerId"]!.GetValue<string>().ShouldStartWith("sandbox-");
        active["statusReason"].ShouldBeNull();
        active["failureCode"].ShouldBeNull();

        // The same outputs and posture an Aws resource reports, every enforced setting as it should be.
        var outputs = active["outputs"]!.AsObject();
        outputs.Select(o => o.Key).ShouldBe(ExpectedOutputKeys(type), ignoreOrder: true);
        outputs.ShouldAllBe(o => !string.IsNullOrEmpty(o.Value!.GetValue<string>()));
        var posture = active["posture"]!.AsArray();
        posture.Select(p => p!["setting"]!.GetValue<string>()).ShouldBe(PostureSettings.For(ResourceWireNames.ParseType(type)));
        posture.ShouldAllBe(p => p!["actual"]!.GetValue<string>() == p["expected"]!.GetValue<string>());
        var cloud = _factory.Services.GetRequiredService<SandboxCloud>();
        cloud.CreationsOf(Guid.Parse(id)).ShouldBe(1);
        var tags = cloud.TagsOf(Guid.Parse(id)).ShouldNotBeNull();
        tags["orchestrator:resource-id"].ShouldBe(id);
        tags["orchestrator:owner-id"].ShouldBe(active["ownerId"]!.GetValue<string>());
        tags["env"].ShouldBe("dev");

        await admin.RequestDeletionAsync(id);
        await admin.WaitForStatusAsync(id, "deleted");
        cloud.TagsOf(Guid.Parse(id)).ShouldBeNull();
    }

    [Fact]
    public async Task A_tag_change_reaches_the_cloud_resource()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "tagged01", type = "s3", region = "us-east-1", tags = new { env = "dev", team = "a" } });
        await admin.WaitForStatusAsync(id, "active");

        using var patched = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{"env":"prod"}}""");
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);

        var cloud = _factory.Services.GetRequiredService<SandboxCloud>();
        await Eventually.HoldsAsync(() => cloud.TagsOf(Guid.Parse(id))?.GetValueOrDefault("env") == "prod");
        var tags = cloud.TagsOf(Guid.Parse(id))!;
        tags.ContainsKey("team").ShouldBeFalse();
        tags["orchestrator:resource-id"].ShouldBe(id);
    }

    [Theory]
    [InlineData("doomed01", "s3", "cloud.name-taken", "CreateBucket", "BucketAlreadyExists")]
    [InlineData("doomed02", "ec2", "cloud.limit-exceeded", "RunInstances", "InstanceLimitExceeded")]
    [InlineData("doomed03", "rds", "cloud.limit-exceeded", "CreateDBInstance", "InstanceQuotaExceeded")]
    public async Task A_refused_creation_ends_failed_with_its_code_and_a_clean_sentence(string name, string type, string code, string operation, string rawText)
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name, type, region = "us-east-1", deletionProtection = false });

        var failed = await admin.WaitForStatusAsync(id, "failed");
        failed["failureCode"]!.GetValue<string>().ShouldBe(code);
        var reason = failed["statusReason"]!.GetValue<string>();
        reason.ShouldContain(operation);
        CloudFailureAssertions.ShouldNotLeak(reason);
        reason.ShouldNotContain(rawText);
        failed["outputs"]!.AsObject().Count.ShouldBe(0);

        // The provider's answer is in the log, with the resource id.
        _factory.Logs.Entries.ShouldContain(e => e.Message.Contains(id, StringComparison.OrdinalIgnoreCase) && e.Message.Contains(rawText, StringComparison.Ordinal));

        // A failed resource can still be deleted.
        await admin.RequestDeletionAsync(id);
        var deleted = await admin.WaitForStatusAsync(id, "deleted");
        deleted["failureCode"].ShouldBeNull();
    }

    [Fact]
    public async Task Deleting_a_bucket_whose_name_was_taken_calls_no_cloud_and_frees_its_quota_unit()
    {
        await using var factory = new OrchestratorApiFactory()
            .WithProvisioning()
            .With("Cloud:Sandbox:FailingNames:0", "taken01")
            .With("Cloud:Sandbox:TransientFailuresPerResource", "0")
            .With("Quotas:S3Buckets", "1");
        var cloud = factory.Services.GetRequiredService<SandboxCloud>();
        var deleteCalls = 0;
        cloud.BeforeDeleteCall = _ => Interlocked.Increment(ref deleteCalls);
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;
        var id = await owner.CreatePendingAsync(new { name = "taken01", type = "s3", region = "us-east-1" });
        (await owner.WaitForStatusAsync(id, "failed"))["failureCode"]!.GetValue<string>().ShouldBe("cloud.name-taken");

        // A failed bucket gives its unit back as it fails: the only unit goes to another bucket.
        var other = await owner.CreatePendingAsync(new { name = "other01", type = "s3", region = "us-east-1" });
        await owner.WaitForStatusAsync(other, "active");
        using (var refused = await owner.CreateResourceAsync(new { name = "third01", type = "s3", region = "us-east-1" }))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        }

        // Operators may not delete; an admin deletes the owner's failed bucket.
        using (var deleter = await factory.CreateAdminClientAsync())
        {
            await deleter.RequestDeletionAsync(id);
            await deleter.WaitForStatusAsync(id, "deleted");
        }

        deleteCalls.ShouldBe(0);

        // Its delete gives back nothing twice: the unit is still other01's.
        using (var stillRefused = await owner.CreateResourceAsync(new { name = "third01", type = "s3", region = "us-east-1" }))
        {
            stillRefused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        }
    }

    private static string[] ExpectedOutputKeys(string type) => type switch
    {
        "ec2" => ["instanceId", "privateIpAddress", "subnetId", "securityGroupId"],
        "s3" => ["bucket", "arn", "regionalDomainName"],
        _ => ["endpoint", "port", "engineVersion", "masterUserSecretArn"],
    };
}
