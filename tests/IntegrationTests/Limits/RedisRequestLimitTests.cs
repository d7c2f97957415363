using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.IntegrationTests.Infrastructure;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>The request-limit contract on the test Redis, plus what only a shared store can show.</summary>
public sealed class RedisRequestLimitTests(ITestOutputHelper output) : RequestLimitContract(output)
{
    protected override OrchestratorApiFactory CreateFactory() => new OrchestratorApiFactory().WithTestRedis();

    [Fact]
    public async Task An_authenticated_request_asks_its_rate_and_revocation_questions_in_one_script_call()
    {
        using var factory = CreateFactory();
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        var profile = new ProfilingSession();
        factory.Services.GetRequiredService<IConnectionMultiplexer>().RegisterProfiler(() => profile);

        for (var i = 0; i < 3; i++)
        {
            // One request at a time: each finds no call on its way, so nothing but the asking decides the calls.
            using var response = await client.GetAsync("/api/v1/me");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        profile.FinishProfiling().Count(command => command.Command is "EVAL" or "EVALSHA")
            .ShouldBe(3, "one call per request, carrying both its questions");
    }

    [Fact]
    public async Task Every_key_the_service_writes_to_redis_expires_by_itself()
    {
        var prefix = TestRedis.NewKeyPrefix();
        using var factory = new OrchestratorApiFactory().WithTestRedis(prefix).With("Provisioning:Enabled", "false");
        var (client, userId) = await factory.CreateUserClientAsync("operator");
        using var _c = client;

        // A failed login, quota reservations (a sliding log and a lease), a revoked access token and a bumped token version.
        using var failed = await factory.CreateClient().PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "nobody-in-redis",
            ["password"] = "not the password of anyone",
        }));
        failed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var ec2 = await client.CreateResourceAsync(new { name = "ttlvm01", type = "ec2", region = "us-east-1" });
        ec2.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var s3 = await client.CreateResourceAsync(new { name = "ttlbucket01", type = "s3", region = "us-east-1" });
        s3.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var admin = await factory.CreateAdminClientAsync();
        using var revokeAccess = await factory.CreateClient().PostAsync("/token/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = admin.DefaultRequestHeaders.Authorization!.Parameter!,
        }));
        revokeAccess.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var secondAdmin = await factory.CreateAdminClientAsync();
        using var revokeSessions = await secondAdmin.PostAsync($"/api/v1/users/{userId}/sessions/revoke", null);
        revokeSessions.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var redis = factory.Services.GetRequiredService<IConnectionMultiplexer>();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var database = redis.GetDatabase();
        var keys = server.Keys(pattern: prefix + "*").ToArray();
        var kinds = keys.Select(k => k.ToString()[prefix.Length..].Split(':')[0]).Distinct().Order().ToArray();
        // Rate keys live for one emission interval, a few microseconds at the tests' limit: they may be gone already.
        kinds.ShouldBe(kinds.Contains("rate") ? ["log", "rate", "revoked-jti", "token-version"] : ["log", "revoked-jti", "token-version"]);
        foreach (var key in keys)
        {
            (await database.KeyTimeToLiveAsync(key)).ShouldNotBeNull($"{key} never expires");
        }
    }

    [Fact]
    public async Task Two_instances_sharing_one_redis_share_one_per_ip_budget()
    {
        var prefix = TestRedis.NewKeyPrefix();
        using var first = new OrchestratorApiFactory().WithTestRedis(prefix).With("RateLimiting:PermitsPerMinute", "4");
        using var second = new OrchestratorApiFactory().WithTestRedis(prefix).With("RateLimiting:PermitsPerMinute", "4");
        using var viaFirst = first.CreateClientFrom("203.0.113.20");
        using var viaSecond = second.CreateClientFrom("203.0.113.20");

        var statuses = new List<HttpStatusCode>();
        var remaining = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await (i % 2 == 0 ? viaFirst : viaSecond).GetAsync("/health/live");
            statuses.Add(response.StatusCode);
            remaining.Add(Header(response, "RateLimit").Split(';')[1]);
        }

        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(4);
        statuses.Skip(4).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        remaining.Take(4).ShouldBe(["r=3", "r=2", "r=1", "r=0"]);
    }

    [Fact]
    public async Task Two_instances_sharing_one_redis_and_database_accept_exactly_ten_parallel_ec2_creations()
    {
        var prefix = TestRedis.NewKeyPrefix();
        using var first = new OrchestratorApiFactory().WithTestRedis(prefix);
        var (firstClient, _) = await first.CreateUserClientAsync("operator");
        using var _f = firstClient;
        using var second = new OrchestratorApiFactory().WithTestRedis(prefix).With("DataDirectory", first.DataDirectory);
        using var secondClient = second.CreateClient();
        secondClient.DefaultRequestHeaders.Authorization = firstClient.DefaultRequestHeaders.Authorization;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            (i % 2 == 0 ? firstClient : secondClient).CreateResourceAsync(new { name = $"vm{i:D2}", type = "ec2", region = "us-east-1" })));

        try
        {
            responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).ShouldBe(10);
            responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(40);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}
