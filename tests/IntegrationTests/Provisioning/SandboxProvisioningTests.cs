using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Cloud.Sandbox;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>End to end on the embedded default cloud: the worker drives each resource type through its lifecycle.</summary>
public sealed class SandboxProvisioningTests : IDisposable
{
    private readonly OrchestratorApiFactory _factory = new OrchestratorApiFactory()
        .WithProvisioning()
        .With("Cloud:Sandbox:FailingNames:0", "doomed01")
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
        });

        var active = await admin.WaitForStatusAsync(id, "active");
        active["providerId"]!.GetValue<string>().ShouldStartWith("sandbox-");
        active["statusReason"].ShouldBeNull();
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

    [Fact]
    public async Task A_refused_creation_ends_failed_with_a_reason()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "doomed01", type = "s3", region = "us-east-1" });

        var failed = await admin.WaitForStatusAsync(id, "failed");
        failed["statusReason"]!.GetValue<string>().ShouldContain("injected failure");

        // A failed resource can still be deleted.
        await admin.RequestDeletionAsync(id);
        await admin.WaitForStatusAsync(id, "deleted");
    }
}
