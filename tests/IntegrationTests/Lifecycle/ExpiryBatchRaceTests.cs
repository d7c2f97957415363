using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Lifecycle;
using Orchestrator.Domain.Provisioning;
using Orchestrator.IntegrationTests.Infrastructure;
using static Orchestrator.IntegrationTests.Lifecycle.ClockedLifecycleHost;

namespace Orchestrator.IntegrationTests.Lifecycle;

/// <summary>
/// The expiry scan claims and acts on a batch at a time (docs/decisions/0054-expiry-a-batch-at-a-time.md): several scans
/// over the same due resources at once, racing PATCHes that move some expiries out, still record each expiry once,
/// with one delete job, and never expire a resource whose new expiry a PATCH saved first.
/// </summary>
public sealed class ExpiryBatchRaceTests : IDisposable
{
    private const int Resources = 24;
    private const int Rescheduled = 8;

    // Batches of 5, so that each scan works several and their claims interleave; the workers' own scan waits a day.
    private readonly ClockedLifecycleHost _host = new(factory => factory
        .With("Lifecycle:BatchSize", "5")
        .With("Quotas:Ec2PerHour", "100")
        .With("Lifecycle:ScanInterval", "1.00:00:00"));

    public void Dispose() => _host.Dispose();

    private string In(TimeSpan span) => (_host.Clock.GetUtcNow() + span).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Parallel_scans_and_racing_reschedules_record_each_expiry_once_and_none_after_a_saved_reschedule()
    {
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var ids = new List<string>();
        for (var i = 0; i < Resources; i++)
        {
            ids.Add(await CreateAsync(admin, new { name = $"batch{i:D2}", type = "ec2", region = "us-east-1", expiresAt = In(TimeSpan.FromMinutes(10)) }));
        }

        foreach (var id in ids)
        {
            await _host.PumpUntilAsync(() => StatusAsync(admin, id), s => s == "active", $"creation of {id}");
        }

        await _host.AdvanceAsync(TimeSpan.FromMinutes(11));

        // Three scans, each in its own scope (as three instances would be), and the reschedules, all at once.
        using var start = new ManualResetEventSlim();
        var scans = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var scope = _host.Factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ExpiryScan>().RunAsync(CancellationToken.None);
        })).ToList();
        var reschedules = ids.Take(Rescheduled).Select(id => Task.Run(async () =>
        {
            start.Wait();
            using var response = await admin.SendJsonAsync(
                HttpMethod.Patch, $"/api/v1/resources/{id}", $$"""{"expiresAt":"{{In(TimeSpan.FromHours(2))}}"}""");
            var body = await response.Content.ReadAsStringAsync();
            return (Id: id, response.StatusCode, Body: body);
        })).ToList();
        start.Set();
        var acted = (await Task.WhenAll(scans)).Sum();
        var answers = await Task.WhenAll(reschedules);

        // Whatever the race left due is worked by one more scan.
        using (var scope = _host.Factory.Services.CreateScope())
        {
            acted += await scope.ServiceProvider.GetRequiredService<ExpiryScan>().RunAsync(CancellationToken.None);
        }

        var deleteJobs = await DeleteJobsAsync();
        var expiredTotal = 0;
        foreach (var id in ids)
        {
            var expired = (await AuditAsync(admin, id, "resource.expired")).Count;
            expired.ShouldBeLessThanOrEqualTo(1, $"resource.expired events of {id}");
            deleteJobs.GetValueOrDefault(Guid.Parse(id)).ShouldBe(expired, $"delete jobs of {id}");
            expiredTotal += expired;
        }

        foreach (var id in ids.Skip(Rescheduled))
        {
            (await AuditAsync(admin, id, "resource.expired")).Count.ShouldBe(1, $"{id} was never rescheduled");
        }

        foreach (var (id, status, body) in answers)
        {
            status.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.Conflict], body);
            if (status == HttpStatusCode.OK && body.Contains("\"status\":\"active\"", StringComparison.Ordinal))
            {
                (await AuditAsync(admin, id, "resource.expired")).ShouldBeEmpty($"{id}'s new expiry was saved while it was active: {body}");
            }
        }

        acted.ShouldBeGreaterThanOrEqualTo(expiredTotal, "every expiry recorded was counted by the scan that saved it");
        expiredTotal.ShouldBeGreaterThanOrEqualTo(Resources - Rescheduled);
    }

    private async Task<Dictionary<Guid, int>> DeleteJobsAsync()
    {
        using var scope = _host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var jobs = await db.ProvisioningJobs.AsNoTracking()
            .Where(j => j.Kind == ProvisioningJobKind.Delete || j.Kind == ProvisioningJobKind.DeleteRecordOnly)
            .Select(j => j.ResourceId)
            .ToListAsync();
        return jobs.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
    }
}
