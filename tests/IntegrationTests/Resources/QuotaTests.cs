using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Resources;

public sealed class QuotaApiFactory : OrchestratorApiFactory
{
    public QuotaApiFactory() => With("Quotas:Ec2PerHour", "3").With("Quotas:S3Buckets", "2");
}

/// <summary>The quota behavior at the end of the pipeline, with small limits from configuration.</summary>
public sealed class QuotaTests(QuotaApiFactory factory) : IClassFixture<QuotaApiFactory>
{
    [Fact]
    public async Task Ec2_creations_beyond_the_hourly_quota_get_429_naming_the_quota()
    {
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.CreateResourceAsync(new { name = $"vm{i}", type = "ec2", region = "us-east-1" });
            ok.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var refused = await client.CreateResourceAsync(new { name = "vm9", type = "ec2", region = "us-east-1" });
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem["type"]!.GetValue<string>().ShouldEndWith("quota-exceeded");
        problem["quota"]!.GetValue<string>().ShouldBe("ec2-per-hour");
        refused.Headers.RetryAfter.ShouldNotBeNull();

        // A failed validation consumes nothing, and other users have their own budget.
        var (other, _) = await factory.CreateUserClientAsync("operator");
        using var _o = other;
        using var invalid = await other.CreateResourceAsync(new { name = "x", type = "ec2", region = "us-east-1" });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await other.CreateResourceAsync(new { name = $"vm{i}", type = "ec2", region = "us-east-1" });
            ok.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }
    }

    [Fact]
    public async Task Bucket_quota_counts_live_buckets_and_a_deletion_frees_a_slot()
    {
        var (client, _) = await factory.CreateUserClientAsync("admin");
        using var _c = client;
        using var first = await client.CreateResourceAsync(new { name = "bkt1", type = "s3", region = "us-east-1" }, "b1");
        using var second = await client.CreateResourceAsync(new { name = "bkt2", type = "s3", region = "us-east-1" });
        second.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // An idempotent replay creates nothing and so consumes nothing.
        using var replay = await client.CreateResourceAsync(new { name = "bkt1", type = "s3", region = "us-east-1" }, "b1");
        replay.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        using var third = await client.CreateResourceAsync(new { name = "bkt3", type = "s3", region = "us-east-1" });
        (await third.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["quota"]!.GetValue<string>().ShouldBe("s3-buckets");

        var firstId = (await first.ReadJsonAsync())["id"]!.GetValue<string>();
        using var deleted = await client.DeleteAsync($"/api/v1/resources/{firstId}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var afterDeletion = await client.CreateResourceAsync(new { name = "bkt3", type = "s3", region = "us-east-1" });
        afterDeletion.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }
}
