using System.Net;
using Orchestrator.IntegrationTests.Abuse;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>
/// The per-IP limit and the per-user quota through the real HTTP pipeline, run once on the in-memory
/// limiter store and once on Redis by a subclass.
/// </summary>
public abstract class RequestLimitContract(ITestOutputHelper output)
{
    /// <summary>A fresh API on this adapter; the test adds its own limits.</summary>
    protected abstract OrchestratorApiFactory CreateFactory();

    [Fact]
    public async Task Exactly_the_permitted_requests_from_one_address_pass_and_errors_and_token_requests_count()
    {
        using var factory = CreateFactory().With("RateLimiting:PermitsPerMinute", "3");
        using var client = factory.CreateClientFrom("203.0.113.5");

        // A failed token request, a 401 and a 404 use the budget like any request.
        using var token = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" }));
        using var unauthenticated = await client.GetAsync("/api/v1/resources");
        using var unknown = await client.GetAsync("/api/v1/nowhere");
        using var refused = await client.GetAsync("/health/live");
        using var refusedAgain = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" }));

        token.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unauthenticated.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        HttpResponseMessage[] all = [token, unauthenticated, unknown, refused, refusedAgain];
        foreach (var response in all)
        {
            Header(response, "RateLimit-Policy").ShouldBe("\"per-ip\";q=3;w=60");
        }

        all.Select(r => Header(r, "RateLimit").Split(';')[1]).ShouldBe(["r=2", "r=1", "r=0", "r=0", "r=0"]);
        foreach (var response in new[] { refused, refusedAgain })
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            problem["type"]!.GetValue<string>().ShouldEndWith("rate-limited");
            var retryAfter = response.Headers.RetryAfter!.Delta!.Value;
            retryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
            retryAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(20));
        }

        // Another address has a budget of its own.
        using var other = factory.CreateClientFrom("203.0.113.6");
        using var otherResponse = await other.GetAsync("/health/live");
        otherResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(otherResponse, "RateLimit").ShouldStartWith("\"per-ip\";r=2;t=");
    }

    [Fact]
    public async Task Spoofed_forwarded_for_from_an_untrusted_peer_is_ignored_and_a_trusted_proxy_is_believed()
    {
        using var factory = CreateFactory()
            .With("RateLimiting:PermitsPerMinute", "2")
            .With("RateLimiting:TrustedProxies:0", "192.0.2.1");
        using var untrusted = factory.CreateClientFrom("203.0.113.9");
        using var proxy = factory.CreateClientFrom("192.0.2.1");

        var untrustedStatuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            using var response = await untrusted.SendAsync(request);
            untrustedStatuses.Add(response.StatusCode);
        }

        untrustedStatuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);

        // Through the trusted proxy each forwarded client has its own budget, and the proxy's own address none of theirs.
        for (var i = 1; i <= 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            using var response = await proxy.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            Header(response, "RateLimit").ShouldStartWith("\"per-ip\";r=1;");
        }
    }

    [Fact]
    public async Task Ipv6_addresses_in_one_64_share_one_budget_and_another_64_has_its_own()
    {
        using var factory = CreateFactory().With("RateLimiting:PermitsPerMinute", "2");

        (await StatusFromAsync(factory, "2001:db8:a:1::1")).ShouldBe(HttpStatusCode.OK);
        (await StatusFromAsync(factory, "2001:db8:a:1:ffff:ffff:ffff:fffe")).ShouldBe(HttpStatusCode.OK);
        (await StatusFromAsync(factory, "2001:db8:a:1:1234::77")).ShouldBe(HttpStatusCode.TooManyRequests, "a third address of the same /64");
        (await StatusFromAsync(factory, "2001:db8:a:2::1")).ShouldBe(HttpStatusCode.OK, "the next /64 is another client");
    }

    [Fact]
    public async Task The_ipv6_prefix_length_is_configurable()
    {
        using var factory = CreateFactory().With("RateLimiting:PermitsPerMinute", "2").With("RateLimiting:Ipv6PrefixLength", "48");

        (await StatusFromAsync(factory, "2001:db8:b:1::1")).ShouldBe(HttpStatusCode.OK);
        (await StatusFromAsync(factory, "2001:db8:b:2::1")).ShouldBe(HttpStatusCode.OK);
        (await StatusFromAsync(factory, "2001:db8:b:ffff::1")).ShouldBe(HttpStatusCode.TooManyRequests, "three /64s of one /48");
        (await StatusFromAsync(factory, "2001:db8:c::1")).ShouldBe(HttpStatusCode.OK, "another /48");
    }

    [Fact]
    public async Task An_ipv4_mapped_ipv6_address_counts_as_its_ipv4_address()
    {
        using var factory = CreateFactory().With("RateLimiting:PermitsPerMinute", "2");

        (await StatusFromAsync(factory, "203.0.113.77")).ShouldBe(HttpStatusCode.OK);
        (await StatusFromAsync(factory, "::ffff:203.0.113.77")).ShouldBe(HttpStatusCode.OK);
        (await StatusFromAsync(factory, "203.0.113.77")).ShouldBe(HttpStatusCode.TooManyRequests);
        (await StatusFromAsync(factory, "::ffff:203.0.113.78")).ShouldBe(HttpStatusCode.OK, "the next IPv4 address is another client");
    }

    [Fact]
    public async Task Audit_keeps_the_full_ipv6_address_of_a_client_counted_by_its_network()
    {
        using var factory = CreateFactory();
        using var client = factory.CreateClientFrom("2001:db8:d:1:aaaa:bbbb:cccc:dddd");
        using var login = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "nobody-from-ipv6",
            ["password"] = "not the password of anyone",
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var admin = await factory.CreateAdminClientAsync();
        using var audit = await admin.GetAsync("/api/v1/audit?action=login.failure&pageSize=200");
        (await audit.ReadJsonAsync())["items"]!.AsArray()
            .ShouldContain(e => e!["clientIp"]!.GetValue<string>() == "2001:db8:d:1:aaaa:bbbb:cccc:dddd");
    }

    [Fact]
    public async Task Fifty_parallel_ec2_creations_by_one_user_accept_exactly_ten()
    {
        using var factory = CreateFactory();
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            client.CreateResourceAsync(new { name = $"vm{i:D2}", type = "ec2", region = "us-east-1" })));

        try
        {
            var tally = new TrafficTally($"concurrent ec2 creations against the quota ({GetType().Name})");
            foreach (var response in responses)
            {
                tally.Record(response.StatusCode);
            }

            tally.Report(output, "quota 10 per hour");
            responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).ShouldBe(10);
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
            {
                var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
                problem["quota"]!.GetValue<string>().ShouldBe("ec2-per-hour");
            }

            using var list = await client.GetAsync("/api/v1/resources?type=ec2&pageSize=100");
            (await list.ReadJsonAsync())["totalCount"]!.GetValue<int>().ShouldBe(10);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Parallel_bucket_creations_never_exceed_the_live_bucket_quota()
    {
        using var factory = CreateFactory().With("Quotas:S3Buckets", "3");
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            client.CreateResourceAsync(new { name = $"bucket{i:D2}", type = "s3", region = "us-east-1" })));

        try
        {
            responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).ShouldBe(3);
            responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(9);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private static async Task<HttpStatusCode> StatusFromAsync(OrchestratorApiFactory factory, string peerAddress)
    {
        using var client = factory.CreateClientFrom(peerAddress);
        using var response = await client.GetAsync("/health/live");
        return response.StatusCode;
    }

    protected static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new ShouldAssertException($"no {name} header on a {(int)response.StatusCode}");
}
