using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Infrastructure.Cloud.Sandbox;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Lifecycle;

/// <summary>
/// The real API with the job worker and the expiry worker on the Sandbox, on a fake clock the test moves: expiry is
/// warned 5 minutes ahead, scanned every minute, and a blocked expiry is looked at again after 10 minutes.
/// </summary>
public sealed class ClockedLifecycleHost : IDisposable
{
    public ClockedLifecycleHost(Action<OrchestratorApiFactory>? configure = null)
    {
        Factory = new OrchestratorApiFactory()
            .WithProvisioning()
            .With("Lifecycle:ExpiryWarning", "00:05:00")
            .With("Lifecycle:ScanInterval", "00:01:00")
            .With("Lifecycle:BlockedExpiryRecheck", "00:10:00")
            .With("Quotas:S3Buckets", "1")
            .With("Cloud:Sandbox:FailingNames:0", "failing01")
            .With("Cloud:Sandbox:FailingNames:1", "failing02")
            .WithServices(services => services.AddSingleton<TimeProvider>(Clock));
        configure?.Invoke(Factory);
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public OrchestratorApiFactory Factory { get; }

    public SandboxCloud Cloud => Factory.Services.GetRequiredService<SandboxCloud>();

    public void Dispose() => Factory.Dispose();

    /// <summary>Moves the fake clock on in small steps, giving the workers real time to run, until the probe holds.</summary>
    public async Task<T> PumpUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{what} did not happen; last value: {value}");
            Clock.Advance(step ?? TimeSpan.FromMilliseconds(100));
            await Task.Delay(25);
        }
    }

    /// <summary>Moves the clock on by <paramref name="span"/> in steps a scan interval can follow.</summary>
    public async Task AdvanceAsync(TimeSpan span)
    {
        var step = TimeSpan.FromSeconds(20);
        for (var moved = TimeSpan.Zero; moved < span; moved += step)
        {
            Clock.Advance(step);
            await Task.Delay(30);
        }
    }

    public static async Task<string> StatusAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/resources/{id}");
        return (await response.ReadJsonAsync())["status"]!.GetValue<string>();
    }

    public static async Task<JsonArray> AuditAsync(HttpClient admin, string id, string action)
    {
        using var response = await admin.GetAsync($"/api/v1/audit?resourceId={id}&action={action}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["items"]!.AsArray();
    }

    public static async Task<string> CreateAsync(HttpClient client, object body)
    {
        using var created = await client.CreateResourceAsync(body);
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
        return (await created.ReadJsonAsync())["id"]!.GetValue<string>();
    }
}
