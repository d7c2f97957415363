using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>Forwarding, rewriting and method-override headers from an untrusted client change nothing.</summary>
public sealed class SpoofedHeaderTests(ITestOutputHelper output)
{
    private static readonly string[] ClientAddressHeaders = ["X-Forwarded-For", "X-Real-IP", "Forwarded", "True-Client-IP", "CF-Connecting-IP", "X-Client-IP", "X-Cluster-Client-IP"];

    [Fact]
    public async Task Spoofed_client_address_host_url_and_method_headers_are_ignored()
    {
        using var factory = new OrchestratorApiFactory().With("RateLimiting:PermitsPerMinute", "30");
        var tally = new TrafficTally("spoofed headers");

        // One peer changing its claimed address on every request still spends one budget: the first 30 pass, and after
        // them only what GCRA gives back (one permit every 2 s) while the loop runs on a possibly loaded machine.
        using (var client = factory.CreateClientFrom("198.51.100.77"))
        {
            var statuses = new List<HttpStatusCode>();
            var elapsed = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 60; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
                var header = ClientAddressHeaders[i % ClientAddressHeaders.Length];
                request.Headers.TryAddWithoutValidation(header, header == "Forwarded" ? $"for=203.0.113.{i};proto=https" : $"203.0.113.{i}");
                using var response = await client.SendAsync(request);
                tally.Record(response.StatusCode);
                statuses.Add(response.StatusCode);
            }

            var givenBack = 1 + (int)(elapsed.Elapsed.TotalSeconds / 2);
            statuses.Take(30).ShouldAllBe(s => s == HttpStatusCode.OK);
            statuses.Skip(30).ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.TooManyRequests);
            statuses.Count(s => s == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(30 + givenBack, $"each spoofed address would have had a budget of its own; {elapsed.Elapsed} elapsed");
            statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBeGreaterThan(0);
        }

        var (user, _) = await factory.CreateUserClientAsync("viewer");
        using var _u = user;
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;

        // Location is built from the real request, not from a claimed host, scheme or prefix.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/resources")
        {
            Content = new StringContent("""{"name":"spoofhost","type":"s3","region":"us-east-1"}""", System.Text.Encoding.UTF8, "application/json"),
        })
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", "evil.example");
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
            request.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", "/evil");
            request.Headers.TryAddWithoutValidation("Forwarded", "host=evil.example;proto=https");
            using var response = await owner.SendAsync(request);
            tally.Record(response.StatusCode);
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var location = response.Headers.Location!.ToString();
            location.ShouldNotContain("evil");
            var id = (await response.ReadJsonAsync())["id"]!.GetValue<string>();

            // A method override does not turn a GET into a DELETE.
            foreach (var header in new[] { "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override" })
            {
                using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/resources/{id}");
                get.Headers.TryAddWithoutValidation(header, "DELETE");
                using var answer = await owner.SendAsync(get);
                tally.Record(answer.StatusCode);
                answer.StatusCode.ShouldBe(HttpStatusCode.OK);
                (await answer.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("pending");
            }
        }

        // A rewrite header does not reach another route: a viewer asking for itself gets itself, not the user list.
        foreach (var header in new[] { "X-Original-URL", "X-Rewrite-URL", "X-Original-Path" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            request.Headers.TryAddWithoutValidation(header, "/api/v1/users");
            using var response = await user.SendAsync(request);
            tally.Record(response.StatusCode);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.ReadJsonAsync())["role"]!.GetValue<string>().ShouldBe("viewer");
        }

        tally.Report(output);
    }
}
