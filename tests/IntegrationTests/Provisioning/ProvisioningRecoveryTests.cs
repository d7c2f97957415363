using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Infrastructure.Cloud.Sandbox;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>Crashes, restarts and transient cloud errors: the work resumes, and the cloud sees one creation.</summary>
public sealed class ProvisioningRecoveryTests
{
    [Fact]
    public async Task A_host_stopped_after_the_cloud_call_and_before_the_save_resumes_on_restart_without_a_second_creation()
    {
        // One simulated cloud outlives both hosts, as AWS outlives a crashed service.
        var cloud = new SandboxCloud(Options.Create(new SandboxCloudOptions { ProvisionDelay = TimeSpan.Zero }), TimeProvider.System);
        var reachedCloud = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cloud.AfterCreateCall = async (_, cancellationToken) =>
        {
            reachedCloud.TrySetResult();

            // The host stops here: after the cloud created the instance, before the worker saved anything.
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        };

        var first = NewHost(new OrchestratorApiFactory(), cloud);
        string id;
        try
        {
            using var admin = await first.CreateAdminClientAsync();
            id = await admin.CreatePendingAsync(new { name = "crash01", type = "ec2", region = "eu-west-2" });
            await reachedCloud.Task.WaitAsync(TimeSpan.FromSeconds(90));
            cloud.CreationsOf(Guid.Parse(id)).ShouldBe(1);
        }
        finally
        {
            first.DeletesDataDirectoryOnDispose(false);
            await first.DisposeAsync();
        }

        cloud.AfterCreateCall = null;
        await using var second = NewHost(OrchestratorApiFactory.OnDataDirectory(first.DataDirectory), cloud);
        using (var admin = await second.CreateAdminClientAsync())
        {
            var active = await admin.WaitForStatusAsync(id, "active");
            active["providerId"]!.GetValue<string>().ShouldStartWith("sandbox-i-");
        }

        cloud.CreationsOf(Guid.Parse(id)).ShouldBe(1);
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_the_resource_is_active()
    {
        await using var factory = new OrchestratorApiFactory().WithProvisioning()
            .With("Cloud:Sandbox:TransientFailuresPerResource", "2")
            .With("Provisioning:MaxAttempts", "5");
        using var admin = await factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "flaky01", type = "rds", region = "eu-west-2" });

        await admin.WaitForStatusAsync(id, "active");
        factory.Services.GetRequiredService<SandboxCloud>().CreationsOf(Guid.Parse(id)).ShouldBe(1);
    }

    [Fact]
    public async Task The_worker_gives_up_after_the_configured_attempts()
    {
        await using var factory = new OrchestratorApiFactory().WithProvisioning()
            .With("Cloud:Sandbox:TransientFailuresPerResource", "10")
            .With("Provisioning:MaxAttempts", "3");
        using var admin = await factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "flaky02", type = "s3", region = "eu-west-2" });

        var failed = await admin.WaitForStatusAsync(id, "failed");
        failed["failureCode"]!.GetValue<string>().ShouldBe("cloud.unavailable");
        var reason = failed["statusReason"]!.GetValue<string>();
        reason.ShouldContain("CreateBucket");
        reason.ShouldNotContain("Throttling");
        reason.ShouldNotContain("injected");
        CloudFailureAssertions.ShouldNotLeak(reason);

        // The raw answer is for operators: in the log, next to the resource id.
        factory.Logs.Entries.ShouldContain(e => e.Message.Contains(id, StringComparison.OrdinalIgnoreCase)
            && e.Message.Contains("cloud.unavailable", StringComparison.Ordinal)
            && e.Message.Contains("Throttling", StringComparison.Ordinal));
    }

    private static OrchestratorApiFactory NewHost(OrchestratorApiFactory factory, SandboxCloud cloud) => factory
        .WithProvisioning()

        // Short, so the restarted host takes over the job the stopped host had claimed.
        .With("Provisioning:LeaseDuration", "00:00:01")
        .WithServices(services => services.AddSingleton(cloud));
}
