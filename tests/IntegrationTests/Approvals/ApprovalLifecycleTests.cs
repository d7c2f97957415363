using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Lifecycle;
using static Orchestrator.IntegrationTests.Approvals.ApprovalSteps;

namespace Orchestrator.IntegrationTests.Approvals;

/// <summary>
/// Approval through provisioning, and expiry, with the job worker on the Sandbox and a fake clock: requests expire after
/// an hour, scanned every minute; one live bucket per user.
/// </summary>
public sealed class ApprovalLifecycleTests : IDisposable
{
    private readonly ClockedLifecycleHost _host = new(factory => factory
        .With("Approvals:ExpireAfter", "01:00:00")
        .With("Approvals:ScanInterval", "00:01:00"));

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task An_approved_creation_is_provisioned_through_the_ordinary_job_and_ends_active_with_one_cloud_resource()
    {
        await PutApprovalRuleAsync(_host.Factory);
        var (requester, _) = await _host.Factory.CreateUserClientAsync("operator");
        using var _r = requester;
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var (resourceId, approvalId) = await RequestAsync(requester, Prod("approved01"));

        // Waiting: however long the workers run, nothing reaches the cloud.
        await _host.AdvanceAsync(TimeSpan.FromMinutes(2));
        (await ResourceAsync(requester, resourceId))["status"]!.GetValue<string>().ShouldBe("awaiting-approval");
        _host.Cloud.CreationsOf(Guid.Parse(resourceId)).ShouldBe(0);

        using (var approved = await DecideAsync(admin, approvalId, "approve", "Go ahead."))
        {
            approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
            (await approved.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("approved");
        }

        await _host.PumpUntilAsync(() => ClockedLifecycleHost.StatusAsync(requester, resourceId), s => s == "active", "provisioning after approval");
        _host.Cloud.CreationsOf(Guid.Parse(resourceId)).ShouldBe(1);
        (await AuditAsync(admin, resourceId, "approval.approved")).Count.ShouldBe(1);

        // An approved request is never expired later.
        await _host.AdvanceAsync(TimeSpan.FromMinutes(70));
        (await ApprovalAsync(admin, approvalId))["status"]!.GetValue<string>().ShouldBe("approved");
        (await ResourceAsync(requester, resourceId))["status"]!.GetValue<string>().ShouldBe("active");
    }

    [Fact]
    public async Task An_undecided_request_expires_after_its_time_the_resource_is_rejected_and_its_quota_unit_is_free_again()
    {
        await PutApprovalRuleAsync(_host.Factory);
        var (requester, _) = await _host.Factory.CreateUserClientAsync("operator");
        using var _r = requester;
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var (resourceId, approvalId) = await RequestAsync(requester, Prod("expiring01", "s3"));

        // The waiting bucket holds the only live-bucket slot.
        using (var refused = await requester.CreateResourceAsync(new { name = "second01", type = "s3", region = "us-east-1" }))
        {
            (await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["quota"]!.GetValue<string>().ShouldBe("s3-buckets");
        }

        await _host.AdvanceAsync(TimeSpan.FromMinutes(50));
        (await ApprovalAsync(requester, approvalId))["status"]!.GetValue<string>().ShouldBe("pending", "not yet an hour");

        await _host.AdvanceAsync(TimeSpan.FromMinutes(11));
        var approval = await _host.PumpUntilAsync(() => ApprovalAsync(requester, approvalId), a => a["status"]!.GetValue<string>() == "expired", "the expiry", TimeSpan.FromSeconds(1));
        approval["deciderId"].ShouldBeNull();
        approval["decidedAt"].ShouldNotBeNull();
        var resource = await ResourceAsync(requester, resourceId);
        resource["status"]!.GetValue<string>().ShouldBe("rejected");
        resource["statusReason"]!.GetValue<string>().ShouldContain("expired");
        var expired = (await AuditAsync(admin, resourceId, "approval.expired")).ShouldHaveSingleItem()!;
        expired["userId"].ShouldBeNull("the service expired it");
        expired["details"]!.GetValue<string>().ShouldContain($"approvalId={approvalId}");
        _host.Cloud.CreationsOf(Guid.Parse(resourceId)).ShouldBe(0);

        using (var decided = await DecideAsync(admin, approvalId, "approve"))
        {
            await decided.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        }

        using var next = await requester.CreateResourceAsync(new { name = "second01", type = "s3", region = "us-east-1" });
        next.StatusCode.ShouldBe(HttpStatusCode.Accepted, await next.Content.ReadAsStringAsync());
    }
}
