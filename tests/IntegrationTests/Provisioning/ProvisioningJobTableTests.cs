using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>The job table on a real SQLite file, with the worker off: jobs are written with the change, and leases are exclusive.</summary>
public sealed class ProvisioningJobTableTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Create_patch_and_delete_each_write_a_job_in_order()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "jobs01", type = "s3", region = "us-east-1" });
        using (var patched = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{"env":"dev"}}"""))
        {
            patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await admin.RequestDeletionAsync(id);
        await admin.RequestDeletionAsync(id); // idempotent: no second delete job

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var jobs = await db.ProvisioningJobs.Where(j => j.ResourceId == Guid.Parse(id)).OrderBy(j => j.Id).ToListAsync();
        jobs.Select(j => j.Kind).ShouldBe([ProvisioningJobKind.Create, ProvisioningJobKind.UpdateTags, ProvisioningJobKind.Delete]);
        jobs.ShouldAllBe(j => j.CompletedAt == null && j.LeaseOwner == null && j.Attempts == 0);

        // Only the oldest open job of a resource is due: its jobs run in order.
        var due = await scope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>().FindDueAsync(CancellationToken.None);
        due.ShouldContain(jobs[0].Id);
        due.ShouldNotContain(jobs[1].Id);
        due.ShouldNotContain(jobs[2].Id);
    }

    [Fact]
    public async Task Two_workers_claiming_one_job_get_it_once()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var id = Guid.Parse(await admin.CreatePendingAsync(new { name = "lease01", type = "ec2", region = "us-east-1" }));
        long jobId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            jobId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ProvisioningJobs
                .Where(j => j.ResourceId == id).Select(j => j.Id).SingleAsync();
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ProvisioningJobQueue>().TryClaimAsync(jobId, $"worker-{worker}", CancellationToken.None);
        }));

        claims.Count(claimed => claimed).ShouldBe(1);
        await using var check = factory.Services.CreateAsyncScope();
        var job = await check.ServiceProvider.GetRequiredService<AppDbContext>().ProvisioningJobs.SingleAsync(j => j.Id == jobId);
        job.LeaseOwner.ShouldStartWith("worker-");
        job.LeaseExpiresAt.ShouldNotBeNull();
    }
}
