using System.Net;
using Microsoft.Extensions.Logging;
using Orchestrator.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>Redis dies under a running API and comes back: the API stays up, quotas fail closed, the per-IP limit goes local, both recover.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task Redis_stopped_mid_run_refuses_quota_creations_with_503_limits_per_instance_and_recovers_when_it_returns()
    {
        await using var redis = await ThrowawayRedis.StartAsync();
        var prefix = TestRedis.NewKeyPrefix();
        using var factory = new OrchestratorApiFactory()
            .With("Redis:ConnectionString", redis.ConnectionString)
            .With("Redis:KeyPrefix", prefix)
            .With("RateLimiting:PermitsPerMinute", "10");
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        using (var created = await client.CreateResourceAsync(Ec2("vm01")))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        (await ReadinessAsync(factory)).ShouldBe((HttpStatusCode.OK, "Healthy"));

        await redis.StopAsync();

        // Quotas fail closed: 503 with Retry-After, and nothing is created.
        using (var refused = await client.CreateResourceAsync(Ec2("vm02")))
        {
            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem["type"]!.GetValue<string>().ShouldEndWith("limits-unavailable");
            refused.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        }

        (await TotalEc2Async(client)).ShouldBe(1);

        // The per-IP limit still holds, in this instance's memory, and readiness says so.
        using (var probe = factory.CreateClientFrom("203.0.113.50"))
        {
            (await StatusesAsync(probe, 12)).ShouldBe([.. Enumerable.Repeat(HttpStatusCode.OK, 10), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
        }

        (await ReadinessAsync(factory)).ShouldBe((HttpStatusCode.OK, "Degraded"));
        factory.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("falls back to this instance's memory"));

        // Bearer tokens are still checked for revocation, against this instance's copy.
        factory.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("token revocation is checked against this instance's copy"));
        factory.Logs.Entries.ShouldNotContain(e => e.Level >= LogLevel.Error);

        await redis.RestartAsync();

        await Eventually.ReturnsAsync(() => ReadinessAsync(factory), r => r.Body == "Healthy", "readiness back to Healthy");
        using (var created = await client.CreateResourceAsync(Ec2("vm03")))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        (await TotalEc2Async(client)).ShouldBe(2);

        // The per-IP limit is shared again: its state is in Redis.
        using (var probe = factory.CreateClientFrom("203.0.113.51"))
        {
            (await StatusesAsync(probe, 1)).ShouldBe([HttpStatusCode.OK]);
        }

        using var inspector = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        (await inspector.GetDatabase().KeyExistsAsync($"{prefix}rate:ip:203.0.113.51")).ShouldBeTrue();
    }

    private static object Ec2(string name) => new { name, type = "ec2", region = "us-east-1" };

    private static async Task<int> TotalEc2Async(HttpClient client)
    {
        using var list = await client.GetAsync("/api/v1/resources?type=ec2");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await list.ReadJsonAsync())["totalCount"]!.GetValue<int>();
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync("/health/live");
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadinessAsync(OrchestratorApiFactory factory)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, (await response.ReadJsonAsync())["status"]!.GetValue<string>());
    }

}
