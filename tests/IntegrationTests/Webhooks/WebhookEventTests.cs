using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Cloud.Sandbox;
using Orchestrator.IntegrationTests.Approvals;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Lifecycle;
using static Orchestrator.IntegrationTests.Webhooks.WebhookHost;

namespace Orchestrator.IntegrationTests.Webhooks;

/// <summary>
/// Every event type the contract lists, caused over the real HTTP pipeline and the workers (fake clock), reaches a
/// real receiver that verifies each signature with the StandardWebhooks library, in the shape <c>{type, timestamp,
/// data}</c>, and only for the types a subscription asked for.
/// </summary>
public sealed class WebhookEventTests : IDisposable
{
    private readonly WebhookHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Creation_status_changes_failure_expiry_and_deletion_arrive_signed_with_their_data()
    {
        await using var receiver = await WebhookReceiver.ListeningAsync();
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var subscription = await SubscribeAsync(admin, receiver, "*");
        _host.Progress = () => string.Join(", ", receiver.Received.Select(r => r.Type + (r.Type == "resource.status-changed" ? $"({r.Data["from"]}->{r.Data["to"]})" : string.Empty)));
        var expiresAt = (_host.Clock.GetUtcNow() + TimeSpan.FromMinutes(2)).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var kept = await ClockedLifecycleHost.CreateAsync(admin, new { name = "hooked01", type = "ec2", region = "us-east-1", expiresAt });
        var failed = await ClockedLifecycleHost.CreateAsync(admin, new { name = "failing01", type = "ec2", region = "us-east-1" });

        await _host.PumpUntilAsync(
            async () => Changes(receiver, kept).Contains("deleting -> deleted") && Changes(receiver, failed).Contains("provisioning -> failed")
                && receiver.OfType("resource.expired").Count > 0,
            "creation, failure, expiry and deletion");

        // The receiver sees a request before the worker records its answer: wait until every attempt is recorded.
        await _host.PumpUntilAsync(
            async () => (await DeliveriesAsync(admin, subscription)) is var recorded
                && recorded.Count == receiver.Received.Count && recorded.All(d => d!["status"]!.GetValue<string>() != "pending"),
            "every attempt recorded");

        Changes(receiver, kept).ShouldBe(
            ["pending -> provisioning", "provisioning -> active", "active -> deleting", "deleting -> deleted"], ignoreOrder: true);
        Changes(receiver, failed).ShouldBe(["pending -> provisioning", "provisioning -> failed"], ignoreOrder: true);
        var failure = receiver.OfType("resource.status-changed").Single(r => ResourceOf(r) == failed && r.Data["to"]!.GetValue<string>() == "failed");
        failure.Data["resource"]!["failureCode"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        failure.Data["resource"]!["status"]!.GetValue<string>().ShouldBe("failed");

        var created = receiver.OfType("resource.created");
        created.Select(ResourceOf).ShouldBe([kept, failed], ignoreOrder: true);
        var first = created.Single(r => ResourceOf(r) == kept);
        first.Data["resource"]!["name"]!.GetValue<string>().ShouldBe("hooked01");
        first.Data["resource"]!["type"]!.GetValue<string>().ShouldBe("ec2");
        first.Data["actorId"].ShouldNotBeNull("an admin created it");

        receiver.OfType("resource.expiring").Select(ResourceOf).ShouldBe([kept]);
        var expired = receiver.OfType("resource.expired").ShouldHaveSingleItem();
        ResourceOf(expired).ShouldBe(kept);
        expired.Data["actorId"].ShouldBeNull("the service expired it");

        ShouldBeSignedStandardWebhooks(receiver);

        // Each event once (the receiver always answered 200), and each attempt recorded as succeeded.
        receiver.Received.Select(r => r.Id).ShouldBeUnique();
        var deliveries = await DeliveriesAsync(admin, subscription);
        deliveries.Count.ShouldBe(receiver.Received.Count);
        deliveries.ShouldAllBe(d => d!["status"]!.GetValue<string>() == "succeeded" && d["responseStatus"]!.GetValue<int>() == 200 && d["attempt"]!.GetValue<int>() == 1);
        deliveries.Select(d => d!["eventType"]!.GetValue<string>()).Order().ShouldBe(receiver.Received.Select(r => r.Type).Order());
    }

    [Fact]
    public async Task Drift_arrives_with_its_differences()
    {
        await using var receiver = await WebhookReceiver.ListeningAsync();
        using var admin = await _host.Factory.CreateAdminClientAsync();
        await SubscribeAsync(admin, receiver, "resource.drifted");
        var id = await ClockedLifecycleHost.CreateAsync(admin, new { name = "driftvm01", type = "ec2", region = "us-east-1", tags = new { env = "dev" } });
        await _host.PumpUntilAsync(async () => await ClockedLifecycleHost.StatusAsync(admin, id) == "active", "creation");

        _host.Factory.Services.GetRequiredService<SandboxCloud>().ChangeTagBehindTheService(Guid.Parse(id), "env", "prod");
        await _host.PumpUntilAsync(async () => receiver.OfType("resource.drifted").Count > 0, "the drift event", TimeSpan.FromSeconds(2));

        var drifted = receiver.Received.ShouldHaveSingleItem("only the subscribed type");
        ResourceOf(drifted).ShouldBe(id);
        var difference = drifted.Data["differences"]!.AsArray().ShouldHaveSingleItem()!;
        difference["field"]!.GetValue<string>().ShouldBe("tags.env");
        difference["expected"]!.GetValue<string>().ShouldBe("dev");
        difference["actual"]!.GetValue<string>().ShouldBe("prod");
        ShouldBeSignedStandardWebhooks(receiver);
    }

    [Fact]
    public async Task A_lockout_and_a_refresh_token_reuse_arrive_for_the_account_and_only_where_subscribed()
    {
        await using var everything = await WebhookReceiver.ListeningAsync();
        await using var lockouts = await WebhookReceiver.ListeningAsync();
        using var admin = await _host.Factory.CreateAdminClientAsync();
        await SubscribeAsync(admin, everything, "*");
        await SubscribeAsync(admin, lockouts, "security.lockout");

        var (lockedId, lockedName, _) = await CreateUserAsync(admin);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await _host.Factory.PostTokenAsync(("grant_type", "password"), ("username", lockedName), ("password", "wrong-password-" + attempt))).Status
                .ShouldBe(HttpStatusCode.BadRequest);
        }

        var (reusedId, reusedName, password) = await CreateUserAsync(admin);
        var tokens = await _host.Factory.LoginAsync(reusedName, password);
        (await _host.Factory.RefreshAsync(tokens.Refresh())).Status.ShouldBe(HttpStatusCode.OK);
        (await _host.Factory.RefreshAsync(tokens.Refresh())).Status.ShouldBe(HttpStatusCode.BadRequest);

        await _host.PumpUntilAsync(
            async () => everything.OfType("security.refresh-reuse").Count > 0 && everything.OfType("security.lockout").Count > 0 && lockouts.Received.Count > 0,
            "the security events");

        everything.OfType("security.lockout").ShouldHaveSingleItem().Data["userId"]!.GetValue<string>().ShouldBe(lockedId.ToString());
        everything.OfType("security.refresh-reuse").ShouldHaveSingleItem().Data["userId"]!.GetValue<string>().ShouldBe(reusedId.ToString());
        lockouts.Received.ShouldHaveSingleItem().Type.ShouldBe("security.lockout");
        ShouldBeSignedStandardWebhooks(everything);
        ShouldBeSignedStandardWebhooks(lockouts);
        everything.Received.Select(r => r.Id).ShouldNotContain(lockouts.Received.Single().Id, "webhook-id differs per subscription");
    }

    [Fact]
    public async Task Approval_requests_and_their_decisions_arrive_approved_rejected_and_expired_with_the_waiting_status_changes()
    {
        using var host = new WebhookHost(factory => factory.With("Approvals:ExpireAfter", "00:02:00").With("Approvals:ScanInterval", "00:00:10"));
        await using var receiver = await WebhookReceiver.ListeningAsync();
        using var admin = await host.Factory.CreateAdminClientAsync();
        await SubscribeAsync(admin, receiver, "approval.requested", "approval.decided", "resource.status-changed");
        await ApprovalSteps.PutApprovalRuleAsync(host.Factory);
        var (requester, requesterId) = await host.Factory.CreateUserClientAsync("operator");
        using var _ = requester;
        host.Progress = () => string.Join(", ", receiver.Received.Select(r => r.Type + ":" + r.Data["decision"]));

        var (approvedId, approveId) = await ApprovalSteps.RequestAsync(requester, ApprovalSteps.Prod("approved01", "s3"));
        var (rejectedId, rejectId) = await ApprovalSteps.RequestAsync(requester, ApprovalSteps.Prod("rejected01", "s3"));
        var (expiredId, _) = await ApprovalSteps.RequestAsync(requester, ApprovalSteps.Prod("expired01", "s3"));
        (await ApprovalSteps.DecideAsync(admin, approveId, "approve", "ok")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ApprovalSteps.DecideAsync(admin, rejectId, "reject", "no")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await host.PumpUntilAsync(
            async () => receiver.OfType("approval.decided").Count == 3 && Changes(receiver, approvedId).Contains("provisioning -> active"),
            "three decisions and the approved creation");
        await Task.Delay(500);

        var requested = receiver.OfType("approval.requested");
        requested.Select(ResourceOf).ShouldBe([approvedId, rejectedId, expiredId], ignoreOrder: true);
        requested.ShouldAllBe(r => r.Data["decision"]!.GetValue<string>() == "pending" && r.Data["actorId"]!.GetValue<string>() == requesterId.ToString());
        var decided = receiver.OfType("approval.decided").ToDictionary(r => ResourceOf(r)!, r => r.Data["decision"]!.GetValue<string>());
        decided.ShouldBe(new Dictionary<string, string> { [approvedId] = "approved", [rejectedId] = "rejected", [expiredId] = "expired" }, ignoreOrder: true);
        receiver.OfType("approval.decided").Single(r => ResourceOf(r) == expiredId).Data["actorId"].ShouldBeNull("the service expired it");

        Changes(receiver, approvedId).ShouldBe(["awaiting-approval -> pending", "pending -> provisioning", "provisioning -> active"], ignoreOrder: true);
        Changes(receiver, rejectedId).ShouldBe(["awaiting-approval -> rejected"]);
        Changes(receiver, expiredId).ShouldBe(["awaiting-approval -> rejected"]);
        ShouldBeSignedStandardWebhooks(receiver);
        receiver.Received.Select(r => r.Id).ShouldBeUnique();
    }

    /// <summary>Every request verified by the library, with the three headers and exactly the payload's three members.</summary>
    private static void ShouldBeSignedStandardWebhooks(WebhookReceiver receiver)
    {
        receiver.Received.ShouldNotBeEmpty();
        foreach (var received in receiver.Received)
        {
            received.VerificationError.ShouldBeNull($"{received.Type}: {received.Body}");
            received.Id.ShouldNotBeNull().ShouldMatch("^msg_[0-9a-f]{32}$");
            received.Signature.ShouldNotBeNull().ShouldStartWith("v1,");
            var payload = received.Payload.AsObject();
            payload.Select(p => p.Key).ShouldBe(["type", "timestamp", "data"]);
            DateTimeOffset.Parse(payload["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture).Offset.ShouldBe(TimeSpan.Zero);
            received.Data["eventId"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        }
    }

    private static string? ResourceOf(ReceivedWebhook received) => received.Data["resourceId"]?.GetValue<string>();

    private static List<string> Changes(WebhookReceiver receiver, string resourceId) =>
        [.. receiver.OfType("resource.status-changed").Where(r => ResourceOf(r) == resourceId)
            .Select(r => $"{r.Data["from"]!.GetValue<string>()} -> {r.Data["to"]!.GetValue<string>()}")];

    private static async Task<(Guid Id, string Username, string Password)> CreateUserAsync(HttpClient admin)
    {
        var username = $"hooked-{Guid.NewGuid():N}"[..20];
        var password = TestPasswords.Random();
        using var response = await admin.SendJsonAsync(
            HttpMethod.Post, "/api/v1/users", JsonSerializer.Serialize(new { username, password, role = "viewer" }));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (Guid.Parse((await response.ReadJsonAsync())["id"]!.GetValue<string>()), username, password);
    }
}
