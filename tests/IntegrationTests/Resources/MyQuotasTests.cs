using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Resources;

/// <summary>
/// <c>GET /api/v1/me/quotas</c> reads the store the create path reserves in (process memory, or Redis): what it shows is
/// exactly what creations then meet, and reading it, however often, consumes nothing.
/// </summary>
public sealed class MyQuotasTests
{
    public static TheoryData<bool> Stores => new() { false, true };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_quotas_shown_are_what_creations_consume_and_a_429_comes_exactly_at_remaining_zero(bool redis)
    {
        using var factory = Factory(redis);
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;

        var fresh = await QuotasAsync(client);
        fresh.Select(q => q!["type"]!.GetValue<string>()).ShouldBe(["ec2", "s3", "rds"]);
        Quota(fresh, "ec2").ShouldBe((3, 0, 3, "PT1H"));
        Quota(fresh, "s3").ShouldBe((2, 0, 2, "live"));
        Quota(fresh, "rds").ShouldBe((5, 0, 5, "PT1H"));

        for (var i = 0; i < 2; i++)
        {
            using var created = await client.CreateResourceAsync(new { name = $"vm{i}", type = "ec2", region = "us-east-1" });
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        // Read many times: still 2 used, and the one unit left is still there for a create.
        for (var i = 0; i < 5; i++)
        {
            Quota(await QuotasAsync(client), "ec2").ShouldBe((3, 2, 1, "PT1H"));
        }

        using (var last = await client.CreateResourceAsync(new { name = "vm2", type = "ec2", region = "us-east-1" }))
        {
            last.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        Quota(await QuotasAsync(client), "ec2").ShouldBe((3, 3, 0, "PT1H"));
        using (var refused = await client.CreateResourceAsync(new { name = "vm3", type = "ec2", region = "us-east-1" }))
        {
            (await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["quota"]!.GetValue<string>().ShouldBe("ec2-per-hour");
        }

        // A refused creation takes nothing, and other types are untouched.
        var after = await QuotasAsync(client);
        Quota(after, "ec2").ShouldBe((3, 3, 0, "PT1H"));
        Quota(after, "rds").ShouldBe((5, 0, 5, "PT1H"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Live_buckets_count_and_a_deletion_frees_one(bool redis)
    {
        using var factory = Factory(redis);
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        using var created = await client.CreateResourceAsync(new { name = "bucket01", type = "s3", region = "us-east-1" });
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();

        Quota(await QuotasAsync(client), "s3").ShouldBe((2, 1, 1, "live"));

        var (admin, _) = await factory.CreateUserClientAsync("admin");
        using var _a = admin;
        using var deleted = await admin.DeleteAsync($"/api/v1/resources/{id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        Quota(await QuotasAsync(client), "s3").ShouldBe((2, 0, 2, "live"));
    }

    [Fact]
    public async Task Each_user_sees_their_own_quotas()
    {
        using var factory = Factory(redis: false);
        var (first, _) = await factory.CreateUserClientAsync("operator");
        var (second, _) = await factory.CreateUserClientAsync("viewer");
        using var _f = first;
        using var _s = second;
        using (var created = await first.CreateResourceAsync(new { name = "vm01", type = "ec2", region = "us-east-1" }))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        Quota(await QuotasAsync(first), "ec2").ShouldBe((3, 1, 2, "PT1H"));
        Quota(await QuotasAsync(second), "ec2").ShouldBe((3, 0, 3, "PT1H"));
    }

    [Fact]
    public async Task With_redis_unreachable_the_quotas_answer_503_as_creations_do_and_recover()
    {
        await using var redis = await ThrowawayRedis.StartAsync();
        using var factory = new OrchestratorApiFactory()
            .With("Redis:ConnectionString", redis.ConnectionString)
            .With("Redis:KeyPrefix", TestRedis.NewKeyPrefix());
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        (await QuotasAsync(client)).Count.ShouldBe(3);

        await redis.StopAsync();

        using (var refused = await client.GetAsync("/api/v1/me/quotas"))
        {
            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem["type"]!.GetValue<string>().ShouldEndWith("limits-unavailable");
            refused.Headers.RetryAfter.ShouldNotBeNull();
        }

        await redis.RestartAsync();
        await Eventually.ReturnsAsync(
            async () =>
            {
                using var answer = await client.GetAsync("/api/v1/me/quotas");
                return answer.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            "the quotas readable again once Redis is back");
    }

    private static OrchestratorApiFactory Factory(bool redis)
    {
        var factory = new OrchestratorApiFactory().With("Quotas:Ec2PerHour", "3").With("Quotas:S3Buckets", "2");
        return redis ? factory.WithTestRedis() : factory;
    }

    internal static async Task<JsonArray> QuotasAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/me/quotas");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["items"]!.AsArray();
    }

    internal static (int Limit, int Used, int Remaining, string Window) Quota(JsonArray items, string type)
    {
        var item = items.Single(q => q!["type"]!.GetValue<string>() == type)!;
        return (item["limit"]!.GetValue<int>(), item["used"]!.GetValue<int>(), item["remaining"]!.GetValue<int>(), item["window"]!.GetValue<string>());
    }
}
