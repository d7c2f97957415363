using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>CORS with the default configuration: only https://app.example.com, with credentials.</summary>
public sealed class CorsTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    private const string AllowedOrigin = "https://app.example.com";
    private const string ForeignOrigin = "https://evil.example.net";

    [Fact]
    public async Task Preflight_from_the_allowed_origin_is_granted_with_credentials_for_an_hour()
    {
        using var response = await PreflightAsync(AllowedOrigin);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.HeaderValue("Access-Control-Allow-Origin").ShouldBe(AllowedOrigin);
        response.HeaderValue("Access-Control-Allow-Credentials").ShouldBe("true");
        response.HeaderValue("Access-Control-Max-Age").ShouldBe("3600");
        response.HeaderValue("Access-Control-Allow-Methods")!.Split(',').Select(m => m.Trim()).ShouldContain("POST");
        var allowedHeaders = response.HeaderValue("Access-Control-Allow-Headers")!.ToLowerInvariant();
        allowedHeaders.ShouldContain("authorization");
        allowedHeaders.ShouldContain("idempotency-key");
        response.HeaderValue("X-Content-Type-Options").ShouldBe("nosniff");
    }

    [Fact]
    public async Task Preflight_from_a_foreign_origin_gets_no_cors_grant()
    {
        using var response = await PreflightAsync(ForeignOrigin);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.NoContent, HttpStatusCode.OK, HttpStatusCode.Forbidden);
        response.HeaderValue("Access-Control-Allow-Origin").ShouldBeNull();
        response.HeaderValue("Access-Control-Allow-Credentials").ShouldBeNull();
        response.HeaderValue("Access-Control-Allow-Methods").ShouldBeNull();
    }

    [Fact]
    public async Task Actual_request_from_the_allowed_origin_may_be_read_and_exposes_the_api_headers()
    {
        using var client = await factory.CreateAdminClientAsync();
        client.DefaultRequestHeaders.Add("Origin", AllowedOrigin);
        using var response = await client.GetAsync("/api/v1/me");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.HeaderValue("Access-Control-Allow-Origin").ShouldBe(AllowedOrigin);
        response.HeaderValue("Access-Control-Allow-Credentials").ShouldBe("true");
        response.HeaderValue("Access-Control-Expose-Headers")!.ShouldContain("ETag");
    }

    [Fact]
    public async Task Error_answer_to_the_allowed_origin_is_readable_too()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", AllowedOrigin);
        using var response = await client.GetAsync("/api/v1/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.HeaderValue("Access-Control-Allow-Origin").ShouldBe(AllowedOrigin);
    }

    [Fact]
    public async Task Actual_request_from_a_foreign_origin_gets_no_allow_origin_and_never_a_wildcard()
    {
        using var client = await factory.CreateAdminClientAsync();
        client.DefaultRequestHeaders.Add("Origin", ForeignOrigin);
        using var response = await client.GetAsync("/api/v1/me");

        response.HeaderValue("Access-Control-Allow-Origin").ShouldBeNull();
        response.HeaderValue("Access-Control-Allow-Credentials").ShouldBeNull();
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/resources");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, idempotency-key");
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("preflight")]
    [InlineData("success")]
    [InlineData("error")]
    [InlineData("foreign origin")]
    [InlineData("no origin")]
    public async Task Every_answer_varies_by_origin(string answer)
    {
        HttpResponseMessage response;
        if (answer == "preflight")
        {
            response = await PreflightAsync(AllowedOrigin);
        }
        else
        {
            using var client = answer == "error" ? factory.CreateClient() : await factory.CreateAdminClientAsync();
            if (answer != "no origin")
            {
                client.DefaultRequestHeaders.Add("Origin", answer == "foreign origin" ? ForeignOrigin : AllowedOrigin);
            }

            response = await client.GetAsync("/api/v1/me");
        }

        using (response)
        {
            response.Headers.Vary.ShouldContain("Origin", answer);
            response.Headers.Vary.Count(v => v.Equals("Origin", StringComparison.OrdinalIgnoreCase)).ShouldBe(1, answer);
        }
    }
}
