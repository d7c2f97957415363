using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;
using static Orchestrator.IntegrationTests.Approvals.ApprovalSteps;

namespace Orchestrator.IntegrationTests.Approvals;

/// <summary>Creations that need an approval, and deciding them, over the real HTTP pipeline on a real SQLite file.</summary>
public sealed class ApprovalTests(ApprovalApiFactory factory) : IClassFixture<ApprovalApiFactory>
{
    [Fact]
    public async Task A_create_breaking_an_approval_rule_waits_with_its_quota_reserved_no_job_and_an_audited_request()
    {
        await PutApprovalRuleAsync(factory);
        var (requester, requesterId) = await factory.CreateUserClientAsync("operator");
        using var _r = requester;
        using var admin = await factory.CreateAdminClientAsync();

        var (resourceId, approvalId) = await RequestAsync(requester, Prod("waiting01"));

        (await JobsOfAsync(factory, resourceId)).ShouldBe(0, "nothing is provisioned before an approver decides");
        var approval = await ApprovalAsync(requester, approvalId);
        approval["status"]!.GetValue<string>().ShouldBe("pending");
        approval["resourceId"]!.GetValue<string>().ShouldBe(resourceId);
        approval["requesterId"]!.GetValue<string>().ShouldBe(requesterId.ToString());
        approval["rules"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["prod-needs-approval"]);
        approval["deciderId"].ShouldBeNull();
        approval["decidedAt"].ShouldBeNull();

        var requested = (await AuditAsync(admin, resourceId, "approval.requested")).ShouldHaveSingleItem()!;
        requested["userId"]!.GetValue<string>().ShouldBe(requesterId.ToString());
        requested["details"]!.GetValue<string>().ShouldContain($"approvalId={approvalId}");
        requested["details"]!.GetValue<string>().ShouldContain("prod-needs-approval");

        // The waiting creation holds the requester's only ec2 unit of the hour.
        using var refused = await requester.CreateResourceAsync(new { name = "other01", type = "ec2", region = "us-east-1" });
        (await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["quota"]!.GetValue<string>().ShouldBe("ec2-per-hour");

        // A plan of the same body says an approval is needed and stores nothing.
        using var plan = await requester.SendJsonAsync(HttpMethod.Post, "/api/v1/resources/plan", """{"name":"planned01","type":"s3","region":"us-east-1","tags":{"env":"prod"}}""");
        var planned = await plan.ReadJsonAsync();
        planned["approvalRequired"]!.GetValue<bool>().ShouldBeTrue();
        planned["allowed"]!.GetValue<bool>().ShouldBeTrue();
        planned["resource"]!["status"]!.GetValue<string>().ShouldBe("awaiting-approval");
    }

    [Fact]
    public async Task Rejecting_ends_the_resource_rejected_and_gives_the_quota_unit_back()
    {
        await PutApprovalRuleAsync(factory);
        var (requester, _) = await factory.CreateUserClientAsync("operator");
        using var _r = requester;
        var (approver, approverId) = await factory.CreateUserClientAsync("admin");
        using var _a = approver;
        var (resourceId, approvalId) = await RequestAsync(requester, Prod("rejected01"));

        using (var rejected = await DecideAsync(approver, approvalId, "reject", "Use the shared prod cluster instead."))
        {
            rejected.StatusCode.ShouldBe(HttpStatusCode.OK, await rejected.Content.ReadAsStringAsync());
            var approval = await rejected.ReadJsonAsync();
            approval["status"]!.GetValue<string>().ShouldBe("rejected");
            approval["comment"]!.GetValue<string>().ShouldBe("Use the shared prod cluster instead.");
            approval["deciderId"]!.GetValue<string>().ShouldBe(approverId.ToString());
            approval["decidedAt"].ShouldNotBeNull();
        }

        var resource = await ResourceAsync(requester, resourceId);
        resource["status"]!.GetValue<string>().ShouldBe("rejected");
        resource["statusReason"]!.GetValue<string>().ShouldContain("rejected");
        (await JobsOfAsync(factory, resourceId)).ShouldBe(0);
        using var admin = await factory.CreateAdminClientAsync();
        var audited = (await AuditAsync(admin, resourceId, "approval.rejected")).ShouldHaveSingleItem()!;
        audited["userId"]!.GetValue<string>().ShouldBe(approverId.ToString());
        audited["details"]!.GetValue<string>().ShouldContain($"decider={approverId}");

        // The unit the rejected creation held is free again: without the give-back this would be 429.
        using (var next = await requester.CreateResourceAsync(new { name = "next01", type = "ec2", region = "us-east-1" }))
        {
            next.StatusCode.ShouldBe(HttpStatusCode.Accepted, await next.Content.ReadAsStringAsync());
        }

        // A decision stands once made.
        using var again = await DecideAsync(approver, approvalId, "approve");
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldContain("already rejected");
    }

    [Fact]
    public async Task The_requester_never_decides_their_own_request_even_as_an_admin()
    {
        await PutApprovalRuleAsync(factory);
        var (requester, _) = await factory.CreateUserClientAsync("admin");
        using var _r = requester;
        var (resourceId, approvalId) = await RequestAsync(requester, Prod("selfcheck01"));

        foreach (var decision in new[] { "approve", "reject" })
        {
            using var refused = await DecideAsync(requester, approvalId, decision);
            (await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>().ShouldContain("another approver");
        }

        (await ApprovalAsync(requester, approvalId))["status"]!.GetValue<string>().ShouldBe("pending");
        (await ResourceAsync(requester, resourceId))["status"]!.GetValue<string>().ShouldBe("awaiting-approval");

        using var admin = await factory.CreateAdminClientAsync();
        using var approved = await DecideAsync(admin, approvalId, "approve", "ok");
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        (await ResourceAsync(requester, resourceId))["status"]!.GetValue<string>().ShouldBe("pending");
        (await JobsOfAsync(factory, resourceId)).ShouldBe(1, "approval writes the ordinary create job");
    }

    [Fact]
    public async Task Non_approvers_cannot_decide_and_see_only_their_own_approvals()
    {
        await PutApprovalRuleAsync(factory);
        var (requester, _) = await factory.CreateUserClientAsync("operator");
        using var _r = requester;
        var (stranger, _) = await factory.CreateUserClientAsync("operator");
        using var _s = stranger;
        var (viewer, _) = await factory.CreateUserClientAsync("viewer");
        using var _v = viewer;
        var (_, approvalId) = await RequestAsync(requester, Prod("hidden01"));

        using (var hidden = await stranger.GetAsync($"/api/v1/approvals/{approvalId}"))
        {
            await hidden.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        using (var unknown = await requester.GetAsync($"/api/v1/approvals/{Guid.NewGuid()}"))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        foreach (var client in new[] { stranger, viewer, requester })
        {
            using var refused = await DecideAsync(client, approvalId, "approve");
            await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        (await ListAsync(stranger, string.Empty)).ShouldNotContain(approvalId);
        (await ListAsync(requester, string.Empty)).ShouldBe([approvalId]);
        (await ListAsync(requester, "?status=approved")).ShouldBeEmpty();
        using var admin = await factory.CreateAdminClientAsync();
        (await ListAsync(admin, "?status=pending&pageSize=100")).ShouldContain(approvalId);

        using var badStatus = await admin.GetAsync("/api/v1/approvals?status=maybe");
        (await badStatus.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["status"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_comment_over_its_bound_is_refused_and_changes_nothing()
    {
        await PutApprovalRuleAsync(factory);
        var (requester, _) = await factory.CreateUserClientAsync("operator");
        using var _r = requester;
        var (_, approvalId) = await RequestAsync(requester, Prod("comment01"));
        using var admin = await factory.CreateAdminClientAsync();

        using var refused = await DecideAsync(admin, approvalId, "approve", new string('x', 1001));
        (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["comment"].ShouldNotBeNull();
        (await ApprovalAsync(admin, approvalId))["status"]!.GetValue<string>().ShouldBe("pending");

        using var unknownField = await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/approvals/{approvalId}/approve", """{"comment":"ok","deciderId":"x"}""");
        await unknownField.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Deleting_a_waiting_resource_withdraws_its_approval_and_gives_the_quota_unit_back()
    {
        await PutApprovalRuleAsync(factory);
        var (requester, requesterId) = await factory.CreateUserClientAsync("admin");
        using var _r = requester;
        var (resourceId, approvalId) = await RequestAsync(requester, Prod("withdrawn01"));

        using (var deleted = await requester.DeleteAsync($"/api/v1/resources/{resourceId}"))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await deleted.Content.ReadAsStringAsync());
            (await deleted.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("deleting");
        }

        var approval = await ApprovalAsync(requester, approvalId);
        approval["status"]!.GetValue<string>().ShouldBe("rejected");
        approval["deciderId"]!.GetValue<string>().ShouldBe(requesterId.ToString());
        approval["comment"]!.GetValue<string>().ShouldStartWith("Withdrawn");
        using var admin = await factory.CreateAdminClientAsync();
        (await AuditAsync(admin, resourceId, "approval.rejected")).ShouldHaveSingleItem()!["details"]!.GetValue<string>().ShouldContain("reason=resource-deleted");

        using var decided = await DecideAsync(admin, approvalId, "approve");
        await decided.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using var next = await requester.CreateResourceAsync(new { name = "next02", type = "ec2", region = "us-east-1" });
        next.StatusCode.ShouldBe(HttpStatusCode.Accepted, await next.Content.ReadAsStringAsync());
    }

    private static async Task<string[]> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/v1/approvals{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var page = await response.ReadJsonAsync();
        page["page"]!.GetValue<int>().ShouldBe(1);
        page["totalCount"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(page["items"]!.AsArray().Count);
        return [.. page["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>())];
    }
}
