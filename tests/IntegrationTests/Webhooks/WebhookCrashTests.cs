using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Webhooks;

/// <summary>
/// The API as a real process, killed with SIGKILL right after changes were accepted and before their events could be
/// delivered (the receiver is down): started again on the same data directory, it delivers every one of them, signed.
/// </summary>
public sealed class WebhookCrashTests : IDisposable
{
    private const int Resources = 5;
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Events_of_changes_accepted_before_a_kill_are_delivered_after_the_restart()
    {
        await using var receiver = WebhookReceiver.Down();
        var settings = new Dictionary<string, string>
        {
            ["DataDirectory"] = _dataDirectory,
            ["Bootstrap:AdminPassword"] = OrchestratorApiFactory.AdminPassword,
            ["RateLimiting:PermitsPerMinute"] = "1000000",
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["Webhooks:FirstRetryDelay"] = "00:00:01",
            ["Webhooks:MaxRetryDelay"] = "00:00:02",
            ["Webhooks:MaxAttempts"] = "50",
            ["Webhooks:Timeout"] = "00:00:02",
            ["Webhooks:LeaseDuration"] = "00:00:04",
            ["Webhooks:PollInterval"] = "00:00:00.500",
        };

        var accepted = new List<string>();
        using (var api = await ApiProcess.StartAsync(settings, StartupTimeout))
        {
            using var client = new HttpClient { BaseAddress = api.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(client));
            using (var subscribed = await client.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "resource.created" } }))
            {
                subscribed.StatusCode.ShouldBe(HttpStatusCode.Created, await subscribed.Content.ReadAsStringAsync());
                receiver.Secret = (await subscribed.ReadJsonAsync())["secret"]!.GetValue<string>();
            }

            for (var i = 0; i < Resources; i++)
            {
                using var created = await client.PostAsJsonAsync("/api/v1/resources", new { name = $"crashhook{i}", type = "s3", region = "us-east-1" });
                created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
                accepted.Add((await created.ReadJsonAsync())["id"]!.GetValue<string>());
            }

            api.Crash();
        }

        receiver.Received.ShouldBeEmpty("nothing could be delivered before the kill");
        await receiver.StartAsync();
        using (var api = await ApiProcess.StartAsync(settings, StartupTimeout))
        {
            await Eventually.ReturnsAsync(
                () => Task.FromResult(receiver.OfType("resource.created").Select(r => r.Data["resourceId"]!.GetValue<string>()).Distinct().Count()),
                count => count == Resources,
                $"every accepted creation's event after the restart; output: {api.Output}",
                TimeSpan.FromSeconds(60));
        }

        receiver.OfType("resource.created").Select(r => r.Data["resourceId"]!.GetValue<string>()).Distinct().ShouldBe(accepted, ignoreOrder: true);
        receiver.Received.ShouldAllBe(r => r.Verified);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static async Task<string> LoginAsync(HttpClient client)
    {
        using var login = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "admin",
            ["password"] = OrchestratorApiFactory.AdminPassword,
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await login.ReadJsonAsync())["access_token"]!.GetValue<string>();
    }
}
