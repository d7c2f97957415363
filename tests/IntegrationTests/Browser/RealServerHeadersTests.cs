using System.Net;
using Orchestrator.IntegrationTests.Edge;
using Orchestrator.WebApi.Edge;

namespace Orchestrator.IntegrationTests.Browser;

/// <summary>What a real Kestrel socket sends (the test server never adds a Server header, Kestrel would).</summary>
public sealed class RealServerHeadersTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    [Theory]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/api/v1/me", HttpStatusCode.Unauthorized)]
    [InlineData("/no-such-route", HttpStatusCode.NotFound)]
    public async Task Real_server_sends_no_server_header_and_the_security_headers(string path, HttpStatusCode status)
    {
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };
        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(status);
        response.Headers.Contains("Server").ShouldBeFalse();
        response.HeaderValue("Content-Security-Policy").ShouldBe(ContentSecurityPolicies.Api);
        response.HeaderValue("Strict-Transport-Security").ShouldBe("max-age=31536000; includeSubDomains");
        response.HeaderValue("X-Content-Type-Options").ShouldBe("nosniff");
    }
}
