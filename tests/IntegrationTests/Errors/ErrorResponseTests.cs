using System.Net;
using System.Text;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Errors;

/// <summary>Malformed requests get the right 4xx as problem+json, never a 500, never a stack trace.</summary>
public sealed class ErrorResponseTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Unknown_property_is_rejected_naming_it()
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/resources",
            """{"name":"web1","type":"ec2","region":"us-east-1","ownerId":"00000000-0000-0000-0000-000000000001"}""");
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["ownerId"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("""{"name":"web1","type":"ec2","region":"us-east-1","spec":{"status":"active"}}""", "spec.status")]
    [InlineData("""{"name":"web1","type":"ec2","region":"us-east-1","status":"active"}""", "status")]
    [InlineData("""{"name":"web1","type":"ec2","region":"us-east-1","tags":{"a":1}}""", "tags.a")]
    [InlineData("""{"name":"web1","type":"rds","region":"us-east-1","spec":{"allocatedStorage":1e400}}""", "spec.allocatedStorage")]
    [InlineData("""{"name":"web1","name":"web2","type":"ec2","region":"us-east-1"}""", "name")]
    public async Task Body_that_does_not_fit_the_contract_gets_400_naming_the_field(string json, string field)
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", json);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }

    [Theory]
    [InlineData("{bad json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"just a string\"")]
    public async Task Bad_json_gets_400(string json)
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", json);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Invalid_utf8_gets_400()
    {
        using var client = await factory.CreateAdminClientAsync();
        var bytes = Encoding.UTF8.GetBytes("""{"name":"web1","type":"ec2","region":"us-east-1","tags":{"k":"X"}}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xC3; // a lead byte with no continuation
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync("/api/v1/resources", content);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/html")]
    public async Task Missing_resource_is_a_404_problem_whatever_the_client_accepts(string accept)
    {
        using var client = await factory.CreateAdminClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/resources/{Guid.NewGuid()}");
        request.Headers.Accept.ParseAdd(accept);
        using var response = await client.SendAsync(request);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem["detail"]!.GetValue<string>().ShouldContain("was not found");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Wrong_media_type_gets_415(string mediaType)
    {
        using var client = await factory.CreateAdminClientAsync();
        using var content = new StringContent("""{"name":"web1"}""", Encoding.UTF8, mediaType);
        using var response = await client.PostAsync("/api/v1/resources", content);
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Body_over_64_KiB_gets_413_announced_or_chunked(bool chunked)
    {
        using var client = await factory.CreateAdminClientAsync();
        var json = $$$"""{"name":"web1","type":"ec2","region":"us-east-1","tags":{"k":"{{{new string('a', 70_000)}}}"}}""";
        HttpContent content = chunked
            ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            : new StringContent(json, Encoding.UTF8, "application/json");
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/resources") { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await client.SendAsync(request);
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Deeply_nested_json_gets_400()
    {
        using var client = await factory.CreateAdminClientAsync();
        var json = """{"name":"web1","type":"ec2","region":"us-east-1","spec":""" + new string('[', 500) + new string(']', 500) + "}";
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", json);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v1/resources/not-a-guid")]
    public async Task Unknown_route_gets_404_with_or_without_a_token(string path)
    {
        using var anonymous = factory.CreateClient();
        using var anonymousResponse = await anonymous.GetAsync(path);
        await anonymousResponse.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.GetAsync(path);
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Wrong_verb_gets_405_with_allow()
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.PutAsync("/api/v1/resources", new StringContent("{}", Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["GET", "POST"], ignoreOrder: true);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_a_token()
    {
        using var client = factory.CreateClient();
        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Swagger_ui_and_document_are_served_with_the_password_flow()
    {
        using var client = factory.CreateClient();
        using var ui = await client.GetAsync("/swagger/index.html");
        ui.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = await (await client.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        document["components"]!["securitySchemes"]!["oauth2"]!["flows"]!["password"]!["tokenUrl"]!.GetValue<string>().ShouldBe("/token");
        document["paths"]!["/api/v1/resources"]!["post"].ShouldNotBeNull();
        document["paths"]!["/api/v1/resources/{id}"]!["patch"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("no token", HttpStatusCode.Unauthorized, "POST /token")]
    [InlineData("refused token", HttpStatusCode.Unauthorized, "not accepted")]
    [InlineData("forbidden", HttpStatusCode.Forbidden, "delete")]
    [InlineData("unknown route", HttpStatusCode.NotFound, "/swagger")]
    [InlineData("missing resource", HttpStatusCode.NotFound, "was not found")]
    [InlineData("wrong verb", HttpStatusCode.MethodNotAllowed, "GET, POST")]
    [InlineData("body too large", HttpStatusCode.RequestEntityTooLarge, "larger than")]
    [InlineData("wrong media type", HttpStatusCode.UnsupportedMediaType, "application/json")]
    public async Task Every_error_answer_says_what_went_wrong_in_detail(string error, HttpStatusCode status, string detailMentions)
    {
        using var client = error switch
        {
            "no token" or "unknown route" => factory.CreateClient(),
            "refused token" => factory.CreateBearerClient("not.a.token"),
            "forbidden" => (await factory.CreateUserClientAsync("operator")).Client,
            _ => await factory.CreateAdminClientAsync(),
        };
        using var request = error switch
        {
            "no token" or "refused token" => new HttpRequestMessage(HttpMethod.Get, "/api/v1/me"),
            "forbidden" => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/resources/{Guid.NewGuid()}"),
            "unknown route" => new HttpRequestMessage(HttpMethod.Get, "/api/v1/nothing-here"),
            "missing resource" => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/resources/{Guid.NewGuid()}"),
            "wrong verb" => new HttpRequestMessage(HttpMethod.Put, "/api/v1/resources") { Content = new StringContent("{}", Encoding.UTF8, "application/json") },
            "body too large" => new HttpRequestMessage(HttpMethod.Post, "/api/v1/resources")
            {
                Content = new StringContent($$"""{"name":"{{new string('a', 70_000)}}"}""", Encoding.UTF8, "application/json"),
            },
            _ => new HttpRequestMessage(HttpMethod.Post, "/api/v1/resources") { Content = new StringContent("name=web1", Encoding.UTF8, "text/plain") },
        };

        using var response = await client.SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(status);
        var detail = problem["detail"]?.GetValue<string>();
        detail.ShouldNotBeNullOrWhiteSpace(error);
        detail.ShouldContain(detailMentions, Case.Sensitive, error);
        if (status == HttpStatusCode.Unauthorized)
        {
            response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        }
    }

    [Theory]
    [InlineData("text/html", "/api/v1/me", "GET", HttpStatusCode.Unauthorized)]
    [InlineData("application/xml", "/api/v1/nothing-here", "GET", HttpStatusCode.NotFound)]
    [InlineData("text/plain", "/api/v1/admin/keys/jwt/rotate", "PATCH", HttpStatusCode.MethodNotAllowed)]
    [InlineData("https://example.com/not-a-media-type", "/api/v1/me/password", "POST", HttpStatusCode.UnsupportedMediaType)]
    public async Task An_error_is_problem_json_whatever_the_client_accepts(string accept, string path, string method, HttpStatusCode status)
    {
        using var client = status == HttpStatusCode.Unauthorized ? factory.CreateClient() : await factory.CreateAdminClientAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (status == HttpStatusCode.UnsupportedMediaType)
        {
            request.Content = new StringContent("currentPassword=x", Encoding.UTF8, "text/plain");
        }

        using var response = await client.SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(status);
        problem["detail"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        problem["title"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }
}
