using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Approvals.ExpireApprovals;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Lifecycle;
using static Orchestrator.IntegrationTests.Approvals.ApprovalSteps;

namespace Orchestrator.IntegrationTests.Approvals;

/// <summary>Expiry scans of several instances at once on one database (each its own scope and context): every request expires once.</summary>
public sealed class ApprovalExpiryRaceTests : IDisposable
{
    private const int Requests = 6;
    private const int Scans = 10;

    private readonly ClockedLifecycleHost _host = new(factory => factory
        .With("Approvals:ExpireAfter", "01:00:00")
        .With("Approvals:ExpiryEnabled", "false")
        .With("Approvals:BatchSize", "2"));

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Parallel_scans_expire_each_request_exactly_once()
    {
        await PutApprovalRuleAsync(_host.Factory);
        var (requester, _) = await _host.Factory.CreateUserClientAsync("operator");
        using var _r = requester;
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var requests = new List<(string ResourceId, string ApprovalId)>();
        for (var i = 0; i < Requests; i++)
        {
            requests.Add(await RequestAsync(requester, Prod($"race{i}")));
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(61));
        var results = await AtOnce.RunAsync(Scans, async _ =>
        {
            await using var scope = _host.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ApprovalExpiryScan>().RunIfDueAsync(CancellationToken.None);
        });

        results.Count(r => r is not null).ShouldBe(1, "one scan holds the lease");
        results.Sum(r => r ?? 0).ShouldBe(Requests);
        foreach (var (resourceId, approvalId) in requests)
        {
            (await ApprovalAsync(admin, approvalId))["status"]!.GetValue<string>().ShouldBe("expired");
            (await AuditAsync(admin, resourceId, "approval.expired")).Count.ShouldBe(1);
            (await ResourceAsync(admin, resourceId))["status"]!.GetValue<string>().ShouldBe("rejected");
        }

        // Even a scan that finds the lease free again (the next interval) has nothing left to expire.
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        await using var later = _host.Factory.Services.CreateAsyncScope();
        (await later.ServiceProvider.GetRequiredService<ApprovalExpiryScan>().RunIfDueAsync(CancellationToken.None)).ShouldBe(0);
    }
}
