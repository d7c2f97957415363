using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>/health/ready reports each dependency by name: the database always, Redis when configured.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_reports_the_database_and_no_redis_when_none_is_configured()
    {
        using var factory = new OrchestratorApiFactory();
        var (status, report) = await ReadyAsync(factory);

        status.ShouldBe(HttpStatusCode.OK);
        report["status"]!.GetValue<string>().ShouldBe("Healthy");
        Checks(report).ShouldBe(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["database"] = "Healthy" });
    }

    [Fact]
    public async Task Ready_reports_a_configured_redis_that_answers()
    {
        var redis = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_REDIS");
        redis.ShouldNotBeNullOrWhiteSpace("ORCHESTRATOR_TEST_REDIS is not set: run the tests with ./test.sh, which starts a Redis");
        using var factory = new OrchestratorApiFactory().With("Redis:ConnectionString", redis);
        var (status, report) = await ReadyAsync(factory);

        status.ShouldBe(HttpStatusCode.OK);
        Checks(report).ShouldBe(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["database"] = "Healthy", ["redis"] = "Healthy" });
    }

    [Fact]
    public async Task Ready_is_degraded_naming_redis_when_the_configured_redis_is_unreachable()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        using var factory = new OrchestratorApiFactory().With("Redis:ConnectionString", "127.0.0.1:1,connectTimeout=500");
        var (status, report) = await ReadyAsync(factory);

        // The API stays up on its per-instance fallback, so readiness stays 200 but says so.
        status.ShouldBe(HttpStatusCode.OK);
        report["status"]!.GetValue<string>().ShouldBe("Degraded");
        Checks(report).ShouldBe(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["database"] = "Healthy", ["redis"] = "Degraded" });
        report.ToJsonString().ShouldNotContain("127.0.0.1");
    }

    private static async Task<(HttpStatusCode Status, JsonNode Report)> ReadyAsync(OrchestratorApiFactory factory)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    // Checks run in parallel, so the report's order varies: compare them by name.
    private static SortedDictionary<string, string> Checks(JsonNode report) =>
        new(report["checks"]!.AsArray().ToDictionary(check => check!["name"]!.GetValue<string>(), check => check!["status"]!.GetValue<string>()),
            StringComparer.Ordinal);
}
