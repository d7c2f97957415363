using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.WebApi.Edge;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>Every security header of the contract on successes and on every kind of error, each checked on its own.</summary>
public sealed class SecurityHeadersTests(EdgeApiFactory factory) : IClassFixture<EdgeApiFactory>
{
    private static readonly (string Name, string Value)[] ExpectedHeaders =
    [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
        ("X-XSS-Protection", "0"),
        ("Referrer-Policy", "no-referrer"),
        ("Content-Security-Policy", ContentSecurityPolicies.Api),
        ("Cache-Control", "no-store"),
    ];

    private static readonly HttpStatusCode[] Statuses =
    [
        HttpStatusCode.OK,
        HttpStatusCode.Unauthorized,
        HttpStatusCode.NotFound,
        HttpStatusCode.MethodNotAllowed,
        HttpStatusCode.RequestEntityTooLarge,
        HttpStatusCode.TooManyRequests,
    ];

    public static TheoryData<HttpStatusCode, string, string> HeaderOnStatus()
    {
        var data = new TheoryData<HttpStatusCode, string, string>();
        foreach (var status in Statuses)
        {
            foreach (var (name, value) in ExpectedHeaders)
            {
                data.Add(status, name, value);
            }
        }

        return data;
    }

    public static TheoryData<HttpStatusCode> AllStatuses() => [.. Statuses];

    [Theory]
    [MemberData(nameof(HeaderOnStatus))]
    public async Task Security_header_is_on_the_response(HttpStatusCode status, string header, string expected)
    {
        using var response = await ProduceAsync(status);
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.HeaderValue(header).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public async Task No_server_header_is_on_the_response(HttpStatusCode status)
    {
        using var response = await ProduceAsync(status);
        response.StatusCode.ShouldBe(status);
        response.Headers.Server.ShouldBeEmpty();
    }

    [Fact]
    public async Task Swagger_ui_gets_its_own_policy_and_the_api_policy_forbids_everything()
    {
        using var client = factory.CreateClient();
        using var page = await client.GetAsync("/swagger/index.html");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var swaggerPolicy = page.HeaderValue("Content-Security-Policy")!;
        swaggerPolicy.ShouldBe(ContentSecurityPolicies.SwaggerUi);
        swaggerPolicy.ShouldNotContain("unsafe-eval");
        swaggerPolicy.ShouldNotContain("script-src 'self' 'unsafe-inline'");
        page.HeaderValue("X-Frame-Options").ShouldBe("DENY");

        using var health = await client.GetAsync("/health/live");
        var apiPolicy = health.HeaderValue("Content-Security-Policy")!;
        apiPolicy.ShouldStartWith("default-src 'none'");
        apiPolicy.ShouldContain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task Anonymous_swagger_assets_stay_cacheable_but_answers_to_credentials_never_are()
    {
        using var anonymous = factory.CreateClient();
        using var asset = await anonymous.GetAsync("/swagger/index.html");
        asset.Headers.CacheControl?.NoStore.ShouldNotBe(true);

        using var withToken = await AdminClientAsync();
        using var assetWithToken = await withToken.GetAsync("/swagger/index.html");
        assetWithToken.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    private async Task<HttpResponseMessage> ProduceAsync(HttpStatusCode status)
    {
        switch (status)
        {
            case HttpStatusCode.OK:
                {
                    using var client = await AdminClientAsync();
                    return await client.GetAsync("/api/v1/me");
                }

            case HttpStatusCode.Unauthorized:
                {
                    using var client = factory.CreateClient();
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
                    return await client.GetAsync("/api/v1/me");
                }

            case HttpStatusCode.NotFound:
                {
                    using var client = await AdminClientAsync();
                    return await client.GetAsync($"/api/v1/resources/{Guid.NewGuid()}");
                }

            case HttpStatusCode.MethodNotAllowed:
                {
                    using var client = await AdminClientAsync();
                    return await client.PutAsync("/api/v1/me", new StringContent("{}", Encoding.UTF8, "application/json"));
                }

            case HttpStatusCode.RequestEntityTooLarge:
                {
                    using var client = await AdminClientAsync();
                    var json = $$$"""{"name":"web1","type":"ec2","region":"us-east-1","tags":{"k":"{{{new string('a', 70_000)}}}"}}""";
                    return await client.PostAsync("/api/v1/resources", new StringContent(json, Encoding.UTF8, "application/json"));
                }

            case HttpStatusCode.TooManyRequests:
                {
                    // The ec2 quota is 1 per hour here: a fresh user's second creation is refused.
                    var (client, _) = await factory.CreateUserClientAsync("operator");
                    using var _c = client;
                    using var first = await client.CreateResourceAsync(new { name = "vm1", type = "ec2", region = "us-east-1" });
                    first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
                    return await client.CreateResourceAsync(new { name = "vm2", type = "ec2", region = "us-east-1" });
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "No way to produce this status.");
        }
    }

    private async Task<HttpClient> AdminClientAsync() => factory.CreateBearerClient(await factory.AdminTokenAsync());
}
