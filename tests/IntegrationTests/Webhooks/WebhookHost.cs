using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Webhooks;

/// <summary>
/// The real API with the job, expiry, drift and webhook workers on the Sandbox and a fake clock the test moves, and
/// 127.0.0.1 allowed as a webhook target (the test receivers listen there).
/// </summary>
public sealed class WebhookHost : IDisposable
{
    public WebhookHost(Action<OrchestratorApiFactory>? configure = null)
    {
        Factory = new OrchestratorApiFactory()
            .WithProvisioning()
            .With("Webhooks:AllowedHosts:0", "127.0.0.1")
            .With("Webhooks:PollInterval", "00:00:00.200")

            // The lease runs on the fake clock, which the test moves faster than attempts take on a loaded machine.
            .With("Webhooks:LeaseDuration", "01:00:00")
            .With("Lifecycle:ExpiryWarning", "00:01:00")
            .With("Lifecycle:ScanInterval", "00:00:10")
            .With("Drift:Interval", "00:01:00")
            .With("Drift:PollInterval", "00:00:01")
            .With("Cloud:Sandbox:TransientFailuresPerResource", "0")
            .With("Cloud:Sandbox:FailingNames:0", "failing01")
            .WithServices(services => services.AddSingleton<TimeProvider>(Clock));
        configure?.Invoke(Factory);
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public OrchestratorApiFactory Factory { get; }

    /// <summary>What the test saw so far, for the message of a wait that timed out.</summary>
    public Func<string>? Progress { get; set; }

    public void Dispose() => Factory.Dispose();

    /// <summary>Subscribes the receiver and gives it the secret to verify with; returns the subscription id.</summary>
    public static async Task<string> SubscribeAsync(HttpClient admin, WebhookReceiver receiver, params string[] events)
    {
        using var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/webhooks", JsonSerializer.Serialize(new { url = receiver.Url, events, description = "test receiver" }));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        receiver.Secret = body["secret"]!.GetValue<string>();
        return body["id"]!.GetValue<string>();
    }

    public static async Task<JsonArray> DeliveriesAsync(HttpClient admin, string subscriptionId)
    {
        using var response = await admin.GetAsync($"/api/v1/webhooks/{subscriptionId}/deliveries?pageSize=200");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["items"]!.AsArray();
    }

    /// <summary>Moves the fake clock on in steps, giving the workers real time after each, until the probe holds.</summary>
    public async Task PumpUntilAsync(Func<Task<bool>> done, string what, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        var moved = TimeSpan.Zero;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline || moved > (limit ?? TimeSpan.FromMinutes(4)))
            {
                throw new ShouldAssertException($"{what} did not happen; fake time moved {moved}; {Progress?.Invoke()}; log: "
                    + string.Join(" | ", Factory.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Message).TakeLast(10)));
            }

            var by = step ?? TimeSpan.FromMilliseconds(500);
            Clock.Advance(by);
            moved += by;
            await Task.Delay(25);
        }
    }
}
