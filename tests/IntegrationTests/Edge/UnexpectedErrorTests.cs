using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.WebApi.Edge;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>An unexpected exception becomes a 500 problem that carries a trace id and nothing about the failure.</summary>
public sealed class UnexpectedErrorTests(ExplodingApiFactory factory) : IClassFixture<ExplodingApiFactory>
{
    [Fact]
    public async Task Unexpected_exception_gives_a_500_with_only_a_trace_id()
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.GetAsync("/api/v1/me");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        var body = problem.ToJsonString();
        body.ShouldNotContain("hunter2");
        body.ShouldNotContain("db.internal");
        body.ShouldNotContain("Secret.cs");
        body.ShouldNotContain(nameof(InvalidOperationException));
        problem.AsObject().Select(property => property.Key)
            .ShouldBe(["type", "title", "status", "detail", "traceId"], ignoreOrder: true);
        problem["traceId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Unexpected_exception_still_gets_the_security_headers()
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.GetAsync("/api/v1/me");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.HeaderValue("Content-Security-Policy").ShouldBe(ContentSecurityPolicies.Api);
        response.HeaderValue("X-Frame-Options").ShouldBe("DENY");
        response.HeaderValue("Cache-Control").ShouldBe("no-store");
    }
}
