using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>
/// The job's own retry schedule, stepped by hand on a fake clock (the worker is off): each transient
/// failure counts an attempt and pushes the next one out exponentially, with jitter.
/// </summary>
public sealed class ProvisioningBackoffTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly OrchestratorApiFactory _factory;

    public ProvisioningBackoffTests()
    {
        _factory = new OrchestratorApiFactory()
            .With("Cloud:Sandbox:TransientFailuresPerResource", "2")
            .With("Provisioning:InitialBackoff", "00:00:10")
            .With("Provisioning:MaxAttempts", "5")
            .WithServices(services => services.AddSingleton<TimeProvider>(_clock));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Transient_failures_back_off_exponentially_until_the_cloud_answers()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = Guid.Parse(await admin.CreatePendingAsync(new { name = "backoff01", type = "s3", region = "us-east-1" }));

        // Attempt 1 fails: the next try is 5 to 10 s away (half fixed, half jitter), and not due before.
        var delay = await StepAsync(id);
        delay.ShouldBeInRange(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        (await DueJobsAsync()).ShouldBeEmpty();

        // Attempt 2 fails: 10 to 20 s.
        _clock.Advance(delay);
        (await DueJobsAsync()).Count.ShouldBe(1);
        var second = await StepAsync(id);
        second.ShouldBeInRange(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));

        // Attempt 3 reaches the cloud: the bucket is ready and the job is done.
        _clock.Advance(second);
        await StepAsync(id);
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var job = await db.ProvisioningJobs.SingleAsync(j => j.ResourceId == id);
        job.CompletedAt.ShouldNotBeNull();
        job.Attempts.ShouldBe(2);
        job.LastError.ShouldNotBeNull().ShouldContain("Throttling");
        (await db.Resources.SingleAsync(r => r.Id == id)).Status.ShouldBe(ResourceStatus.Active);
    }

    /// <summary>Claims and works the resource's job once; returns how far away its next attempt is.</summary>
    private async Task<TimeSpan> StepAsync(Guid resourceId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var jobId = await db.ProvisioningJobs.Where(j => j.ResourceId == resourceId).Select(j => j.Id).SingleAsync();
        (await scope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>().TryClaimAsync(jobId, "test-worker", CancellationToken.None)).ShouldBeTrue();
        (await scope.ServiceProvider.GetRequiredService<ProvisioningBatch>().RunAsync(jobId, "test-worker", CancellationToken.None)).ShouldBeTrue();

        await using var check = _factory.Services.CreateAsyncScope();
        var job = await check.ServiceProvider.GetRequiredService<AppDbContext>().ProvisioningJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
        job.LeaseOwner.ShouldBeNull();
        return job.NextAttemptAt - _clock.GetUtcNow();
    }

    private async Task<IReadOnlyList<long>> DueJobsAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>().FindDueAsync(CancellationToken.None);
    }
}
