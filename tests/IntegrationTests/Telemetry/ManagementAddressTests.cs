using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Telemetry;

/// <summary>
/// The built API as its own process: Prometheus text at <c>/metrics</c> on the management port only; the public port
/// answers 404 there, and the management port serves nothing of the API.
/// </summary>
public sealed class ManagementAddressTests
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Metrics_are_scraped_on_the_management_port_and_are_404_on_the_public_one()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["DataDirectory"] = dataDirectory,
            ["Bootstrap:AdminPassword"] = OrchestratorApiFactory.AdminPassword,
        };
        try
        {
            using var api = await ApiProcess.StartAsync(settings, StartupTimeout);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

            using (var login = await http.PostAsync(new Uri(api.BaseAddress, "/token"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["username"] = "admin",
                ["password"] = "not-the-password",
            })))
            {
                login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            }

            using var publicMetrics = await http.GetAsync(new Uri(api.BaseAddress, "/metrics"));
            await publicMetrics.ShouldBeProblemAsync(HttpStatusCode.NotFound);

            using var scrape = await http.GetAsync(new Uri(api.ManagementAddress, "/metrics"));
            var text = await scrape.Content.ReadAsStringAsync();
            scrape.StatusCode.ShouldBe(HttpStatusCode.OK, api.Output);
            scrape.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
            text.ShouldContain("orchestrator_logins_total{otel_scope_name=\"Orchestrator\",outcome=\"failed\"} 1");
            text.ShouldContain("http_server_request_duration_seconds_bucket");
            text.ShouldContain("dotnet_");

            using var apiOnManagement = await http.GetAsync(new Uri(api.ManagementAddress, "/api/v1/resources"));
            await apiOnManagement.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
