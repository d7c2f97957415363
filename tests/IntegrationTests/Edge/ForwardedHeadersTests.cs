using System.Net;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>X-Forwarded-For / X-Forwarded-Proto are believed from RateLimiting:TrustedProxies only.</summary>
public sealed class ForwardedHeadersTests(TrustedProxyApiFactory factory) : IClassFixture<TrustedProxyApiFactory>
{
    [Fact]
    public async Task Forwarded_headers_from_a_trusted_proxy_set_the_client_address_and_scheme()
    {
        using var response = await SendAsync(peer: "10.0.0.7", forwardedFor: "203.0.113.9");

        response.HeaderValue(TrustedProxyApiFactory.ClientIpHeader).ShouldBe("203.0.113.9");
        response.HeaderValue(TrustedProxyApiFactory.SchemeHeader).ShouldBe("https");
    }

    [Fact]
    public async Task Spoofed_forwarded_headers_from_an_untrusted_peer_are_ignored()
    {
        using var response = await SendAsync(peer: "198.51.100.20", forwardedFor: "203.0.113.9");

        response.HeaderValue(TrustedProxyApiFactory.ClientIpHeader).ShouldBe("198.51.100.20");
        response.HeaderValue(TrustedProxyApiFactory.SchemeHeader).ShouldBe("http");
    }

    [Fact]
    public async Task A_client_cannot_hide_behind_an_address_it_prepends_itself()
    {
        // The client sent "X-Forwarded-For: 192.0.2.1"; the trusted proxy appended the address it saw.
        using var response = await SendAsync(peer: "10.0.0.7", forwardedFor: "192.0.2.1, 198.51.100.20");

        response.HeaderValue(TrustedProxyApiFactory.ClientIpHeader).ShouldBe("198.51.100.20");
    }

    [Fact]
    public async Task Loopback_is_not_trusted_by_default()
    {
        using var response = await SendAsync(peer: "127.0.0.1", forwardedFor: "203.0.113.9");

        response.HeaderValue(TrustedProxyApiFactory.ClientIpHeader).ShouldBe("127.0.0.1");
    }

    private async Task<HttpResponseMessage> SendAsync(string peer, string forwardedFor)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add(TrustedProxyApiFactory.PeerHeader, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return response;
    }
}
