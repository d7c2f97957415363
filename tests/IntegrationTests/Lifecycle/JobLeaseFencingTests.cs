using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Cloud.Sandbox;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Provisioning;

namespace Orchestrator.IntegrationTests.Lifecycle;

/// <summary>
/// Job leases on a fake clock, the worker stepped by hand: a step that outlives its lease is refused when another
/// worker took the job over (the fencing token), and nothing is recorded twice.
/// </summary>
public sealed class JobLeaseFencingTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly OrchestratorApiFactory _factory;

    public JobLeaseFencingTests()
    {
        _factory = new OrchestratorApiFactory()
            .With("Provisioning:LeaseDuration", "00:01:00")
            .WithServices(services => services.AddSingleton<TimeProvider>(_clock));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_stale_workers_result_is_refused_after_its_lease_was_taken_over_and_nothing_is_recorded_twice()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = Guid.Parse(await admin.CreatePendingAsync(new { name = "fenced01", type = "s3", region = "us-east-1" }));
        var jobId = await JobIdAsync(id);

        // The stale worker's cloud call hangs until the test lets it go; the fresh worker's call goes through.
        var cloud = _factory.Services.GetRequiredService<SandboxCloud>();
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var calls = 0;
        cloud.AfterCreateCall = async (_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                entered.SetResult();
                await release.Task;
            }
        };

        (await ClaimAsync(jobId, "stale")).ShouldBeTrue();
        var stale = StepAsync(jobId, "stale");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Its lease runs out (no heartbeat: the step is run by hand); another worker takes the job and finishes it.
        _clock.Advance(TimeSpan.FromMinutes(2));
        (await ClaimAsync(jobId, "fresh")).ShouldBeTrue();
        (await StepAsync(jobId, "fresh")).ShouldBeTrue();

        release.SetResult();
        (await stale).ShouldBeFalse("the stale worker's result was saved");

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.Resources.SingleAsync(r => r.Id == id)).Status.ShouldBe(ResourceStatus.Active);
        var job = await db.ProvisioningJobs.SingleAsync(j => j.Id == jobId);
        job.CompletedAt.ShouldNotBeNull();
        job.LeaseVersion.ShouldBe(2);
        (await db.AuditEvents.CountAsync(e => e.ResourceId == id && e.Action == "resource.status-changed" && e.Details == "provisioning -> active")).ShouldBe(1);
        cloud.CreationsOf(id).ShouldBe(1);

        // The refused save wrote nothing, the audit chain's head included: the chain still verifies.
        using var verify = await admin.GetAsync("/api/v1/audit/verify");
        (await verify.ReadJsonAsync())["valid"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_step_that_outlives_its_lease_keeps_it_by_renewing_so_no_other_worker_can_claim_the_job()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = Guid.Parse(await admin.CreatePendingAsync(new { name = "renewed01", type = "s3", region = "us-east-1" }));
        var jobId = await JobIdAsync(id);
        var cloud = _factory.Services.GetRequiredService<SandboxCloud>();
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        cloud.AfterCreateCall = async (_, _) =>
        {
            entered.TrySetResult();
            await release.Task;
        };

        var worker = ActivatorUtilities.CreateInstance<Orchestrator.Infrastructure.Provisioning.ProvisioningWorker>(_factory.Services);
        var round = worker.RunOnceAsync(CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Three lease durations pass while the cloud call runs; the heartbeat keeps the lease every third of one.
        for (var i = 0; i < 18; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(150);
            (await ClaimAsync(jobId, "intruder")).ShouldBeFalse($"the lease was free after {(i + 1) * 10} s");
        }

        release.SetResult();
        (await round).ShouldBe(1);
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.Resources.SingleAsync(r => r.Id == id)).Status.ShouldBe(ResourceStatus.Active);
        (await db.ProvisioningJobs.SingleAsync(j => j.Id == jobId)).LeaseVersion.ShouldBe(1);
    }

    [Fact]
    public async Task In_a_round_a_job_taken_over_and_a_job_whose_resource_changed_are_left_out_alone_and_the_rest_are_saved()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var ids = new List<Guid>();
        for (var i = 1; i <= 6; i++)
        {
            ids.Add(Guid.Parse(await admin.CreatePendingAsync(new { name = $"round0{i}", type = "s3", region = "us-east-1" })));
        }

        var (takenOver, changed) = (ids[1], ids[4]);
        var takenOverJob = await JobIdAsync(takenOver);

        // While the cloud works, another worker takes one job over and a request changes another job's resource.
        var cloud = _factory.Services.GetRequiredService<SandboxCloud>();
        cloud.AfterCreateCall = async (resource, _) =>
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (resource.ResourceId == takenOver)
            {
                await db.ProvisioningJobs.Where(j => j.Id == takenOverJob)
                    .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseOwner, "other").SetProperty(j => j.LeaseVersion, j => j.LeaseVersion + 1));
            }
            else if (resource.ResourceId == changed)
            {
                await db.Resources.Where(r => r.Id == changed).ExecuteUpdateAsync(set => set.SetProperty(r => r.Version, r => r.Version + 1));
            }
        };

        var worker = ActivatorUtilities.CreateInstance<Orchestrator.Infrastructure.Provisioning.ProvisioningWorker>(_factory.Services);
        (await worker.RunOnceAsync(CancellationToken.None)).ShouldBe(6, "one round claims all six");

        await using var check = _factory.Services.CreateAsyncScope();
        var stored = check.ServiceProvider.GetRequiredService<AppDbContext>();
        var resources = await stored.Resources.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
        var jobs = await stored.ProvisioningJobs.Where(j => ids.Contains(j.ResourceId)).ToDictionaryAsync(j => j.ResourceId);
        foreach (var id in ids.Except([takenOver, changed]))
        {
            resources[id].Status.ShouldBe(ResourceStatus.Active);
            jobs[id].CompletedAt.ShouldNotBeNull();
            (await stored.AuditEvents.CountAsync(e => e.ResourceId == id && e.Details == "provisioning -> active")).ShouldBe(1);
        }

        // Nothing of the refused record was written: no status, no audit row, no event; the taken-over job keeps its new owner.
        foreach (var id in new[] { takenOver, changed })
        {
            resources[id].Status.ShouldBe(ResourceStatus.Provisioning);
            jobs[id].CompletedAt.ShouldBeNull();
            (await stored.AuditEvents.CountAsync(e => e.ResourceId == id && e.Details == "provisioning -> active")).ShouldBe(0);
        }

        var refusedAudit = await stored.AuditEvents.Where(e => e.ResourceId == takenOver || e.ResourceId == changed).Select(e => e.Id).ToListAsync();
        (await stored.WebhookEvents.CountAsync(e => refusedAudit.Contains(e.Id))).ShouldBe(refusedAudit.Count, "an event without its audit row, or the reverse");
        jobs[takenOver].LeaseOwner.ShouldBe("other");
        jobs[changed].LeaseOwner.ShouldBeNull("the job whose save was refused is released for another try");

        // The refused rows were rolled back with the chain head they moved: the chain still verifies.
        using var verify = await admin.GetAsync("/api/v1/audit/verify");
        (await verify.ReadJsonAsync())["valid"]!.GetValue<bool>().ShouldBeTrue();

        // The released job is worked again from what is stored, and ends once.
        cloud.AfterCreateCall = null;
        (await worker.RunOnceAsync(CancellationToken.None)).ShouldBe(1);
        (await stored.Resources.AsNoTracking().SingleAsync(r => r.Id == changed)).Status.ShouldBe(ResourceStatus.Active);
    }

    private async Task<long> JobIdAsync(Guid resourceId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ProvisioningJobs
            .Where(j => j.ResourceId == resourceId).Select(j => j.Id).SingleAsync();
    }

    private async Task<bool> ClaimAsync(long jobId, string worker)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>().TryClaimAsync(jobId, worker, CancellationToken.None);
    }

    private async Task<bool> StepAsync(long jobId, string worker)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProvisioningBatch>().RunAsync(jobId, worker, CancellationToken.None);
    }
}
