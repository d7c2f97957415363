using System.Diagnostics;
using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Orchestrator.IntegrationTests.Webhooks.WebhookHost;

namespace Orchestrator.IntegrationTests.Webhooks;

/// <summary>
/// Deliveries stay off the request path: with receivers that hang until the attempt times out, creations answer as
/// fast as with no subscription at all; and a receiver that answers promptly gets an event well within a poll interval
/// of its change, woken by the save that wrote it.
/// </summary>
public sealed class WebhookLatencyTests(ITestOutputHelper output) : IDisposable
{
    private const int Creations = 12;

    private readonly OrchestratorApiFactory _factory = new OrchestratorApiFactory()
        .WithProvisioning()
        .With("Webhooks:AllowedHosts:0", "127.0.0.1")
        .With("Webhooks:PollInterval", "00:00:30")
        .With("Webhooks:Timeout", "00:00:05")
        .With("Quotas:S3Buckets", "1000");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Hanging_receivers_do_not_slow_creations_and_a_prompt_one_gets_each_event_at_once()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var baseline = await TimeCreationsAsync(admin, "base");

        var hanging = new List<WebhookReceiver>();
        for (var i = 0; i < 3; i++)
        {
            var receiver = await WebhookReceiver.ListeningAsync();
            receiver.Delay = TimeSpan.FromSeconds(30);
            await SubscribeAsync(admin, receiver, "*");
            hanging.Add(receiver);
        }

        await using var prompt = await WebhookReceiver.ListeningAsync();
        await SubscribeAsync(admin, prompt, "resource.created");
        var withHooks = await TimeCreationsAsync(admin, "hook");

        await Eventually.ReturnsAsync(() => Task.FromResult(prompt.Received.Count), count => count >= Creations, "every creation's event");
        output.WriteLine($"creation p50/max without subscriptions: {Median(baseline.Durations)} / {baseline.Durations.Max()} ms");
        output.WriteLine($"creation p50/max with three hanging receivers: {Median(withHooks.Durations)} / {withHooks.Durations.Max()} ms");
        var delays = prompt.Received.Select(r => (r.ReceivedAt - withHooks.AcceptedAt[r.Data["resourceId"]!.GetValue<string>()]).TotalMilliseconds).ToList();
        output.WriteLine($"creation answered -> event received p50/max: {delays.Order().ElementAt(delays.Count / 2):0} / {delays.Max():0} ms");

        // Not one creation waited on an attempt (each hangs 5 s, the timeout); the poll interval is 30 s, so the
        // prompt receiver's events came from the save's own wake-up.
        withHooks.Durations.Max().ShouldBeLessThan(3000);
        delays.Max().ShouldBeLessThan(10_000);
        prompt.Received.ShouldAllBe(r => r.Verified);

        foreach (var receiver in hanging)
        {
            await receiver.DisposeAsync();
        }
    }

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<(List<long> Durations, Dictionary<string, DateTimeOffset> AcceptedAt)> TimeCreationsAsync(HttpClient admin, string prefix)
    {
        var durations = new List<long>();
        var acceptedAt = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < Creations; i++)
        {
            var clock = Stopwatch.StartNew();
            using var created = await admin.CreateResourceAsync(new { name = $"{prefix}{i:D2}", type = "s3", region = "us-east-1" });
            clock.Stop();
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
            durations.Add(clock.ElapsedMilliseconds);
            acceptedAt[(await created.ReadJsonAsync())["id"]!.GetValue<string>()] = DateTimeOffset.UtcNow;
        }

        return (durations, acceptedAt);
    }
}
