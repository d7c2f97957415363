using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Webhooks;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Webhooks;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Lifecycle;
using static Orchestrator.IntegrationTests.Webhooks.WebhookHost;

namespace Orchestrator.IntegrationTests.Webhooks;

/// <summary>
/// The check made where it matters, on the address a delivery connects to. Without Webhooks:AllowedHosts, targets
/// that reach loopback by name, by an IPv4-mapped address or by a name that resolved to a public address when it was
/// registered get no connection at all; and a redirect is never followed, even to a reachable host.
/// </summary>
public sealed class WebhookSsrfDeliveryTests : IDisposable
{
    private readonly List<OrchestratorApiFactory> _factories = [];

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }

    [Fact]
    public async Task Targets_that_reach_loopback_get_no_connection_and_their_attempts_are_recorded_failed()
    {
        await using var receiver = await WebhookReceiver.ListeningAsync();
        var factory = Host(allowLoopback: false).WithServices(s => s.AddSingleton<IHostAddressResolver, FlippingHostAddressResolver>());
        using var admin = await factory.CreateAdminClientAsync();

        // Registered while the name resolved to a public address; it resolves to loopback at delivery.
        using (var rebinding = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/webhooks", JsonSerializer.Serialize(new
        {
            url = $"https://{FlippingHostAddressResolver.Name}:{receiver.Port}/hooks",
            events = new[] { "*" },
        })))
        {
            rebinding.StatusCode.ShouldBe(HttpStatusCode.Created, await rebinding.Content.ReadAsStringAsync());
        }

        // Stored as if registered while configuration allowed them (registration refuses them now).
        var planted = new[]
        {
            await PlantAsync(factory, $"http://localhost:{receiver.Port}/hooks"),
            await PlantAsync(factory, $"http://127.0.0.1:{receiver.Port}/hooks"),
            await PlantAsync(factory, $"http://[::ffff:127.0.0.1]:{receiver.Port}/hooks"),
        };
        using (var listed = await admin.GetAsync("/api/v1/webhooks"))
        {
            (await listed.ReadJsonAsync())["items"]!.AsArray().Count.ShouldBe(4);
        }

        await ClockedLifecycleHost.CreateAsync(admin, new { name = "ssrf01", type = "s3", region = "us-east-1" });
        using (var listed = await admin.GetAsync("/api/v1/webhooks"))
        {
            foreach (var item in (await listed.ReadJsonAsync())["items"]!.AsArray())
            {
                var id = item!["id"]!.GetValue<string>();
                await Eventually.ReturnsAsync(
                    async () => (await DeliveriesAsync(admin, id)).Any(d => d!["status"]!.GetValue<string>() == "failed"),
                    failed => failed,
                    $"a failed attempt for {item["url"]}");
                (await DeliveriesAsync(admin, id)).Where(d => d!["status"]!.GetValue<string>() == "failed")
                    .ShouldAllBe(d => d!["responseStatus"] == null);
            }
        }

        receiver.Connections.ShouldBe(0, "no connection reached the receiver");
        receiver.Received.ShouldBeEmpty();
        planted.Length.ShouldBe(3);
        factory.Logs.Entries.Count(e => e.Message.Contains("refused:", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_even_to_an_allowed_host_and_the_attempt_is_recorded_failed()
    {
        await using var receiver = await WebhookReceiver.ListeningAsync();
        receiver.Answer = received => received.Path == "/hooks" ? 302 : 200;
        receiver.AnswerHeaders["Location"] = $"http://127.0.0.1:{receiver.Port}/internal";
        var factory = Host(allowLoopback: true).With("Webhooks:MaxAttempts", "1");
        using var admin = await factory.CreateAdminClientAsync();
        var subscription = await SubscribeAsync(admin, receiver, "resource.created");

        await ClockedLifecycleHost.CreateAsync(admin, new { name = "redirect01", type = "s3", region = "us-east-1" });
        await Eventually.ReturnsAsync(async () => (await DeliveriesAsync(admin, subscription)).Any(d => d!["status"]!.GetValue<string>() != "pending"), made => made, "the attempt");
        await Task.Delay(500);

        var attempt = (await DeliveriesAsync(admin, subscription)).ShouldHaveSingleItem()!;
        attempt["status"]!.GetValue<string>().ShouldBe("failed");
        attempt["responseStatus"]!.GetValue<int>().ShouldBe(302);
        receiver.Received.ShouldHaveSingleItem().Path.ShouldBe("/hooks");
        receiver.Received.ShouldNotContain(r => r.Path == "/internal");
    }

    private OrchestratorApiFactory Host(bool allowLoopback)
    {
        var factory = new OrchestratorApiFactory()
            .WithProvisioning()
            .With("Webhooks:PollInterval", "00:00:00.200")
            .With("Webhooks:FirstRetryDelay", "00:00:30");
        if (allowLoopback)
        {
            factory.With("Webhooks:AllowedHosts:0", "127.0.0.1");
        }

        _factories.Add(factory);
        return factory;
    }

    private static async Task<Guid> PlantAsync(OrchestratorApiFactory factory, string url)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = Guid.CreateVersion7();
        db.WebhookSubscriptions.Add(WebhookSubscription.Create(
            id, url, [WebhookEventTypes.All], "planted", "whsec_" + Convert.ToBase64String(new byte[32]), Guid.Empty, DateTimeOffset.UtcNow.AddMinutes(-1)));
        await db.SaveChangesAsync();
        return id;
    }
}
