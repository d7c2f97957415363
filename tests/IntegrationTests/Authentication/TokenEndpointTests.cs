using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Authentication;

/// <summary>POST /token (RFC 6749 password grant) and bearer validation on the API.</summary>
public sealed class TokenEndpointTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Password_grant_issues_an_at_jwt_access_token_that_is_never_cached()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/token", Form(("grant_type", "password"), ("username", "ADMIN"), ("password", OrchestratorApiFactory.AdminPassword)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var body = await response.ReadJsonAsync();
        body["token_type"]!.GetValue<string>().ShouldBe("Bearer");
        body["expires_in"]!.GetValue<int>().ShouldBe(15 * 60);

        var token = body["access_token"]!.GetValue<string>();
        var header = DecodeSegment(token, 0);
        header["typ"]!.GetValue<string>().ShouldBe("at+jwt");
        header["alg"]!.GetValue<string>().ShouldBe("HS256");
        header["kid"].ShouldNotBeNull();
        var claims = DecodeSegment(token, 1);
        foreach (var claim in new[] { "sub", "role", "jti", "iat", "exp", "iss", "aud" })
        {
            claims[claim].ShouldNotBeNull(claim);
        }

        claims["role"]!.GetValue<string>().ShouldBe("admin");
        claims["iss"]!.GetValue<string>().ShouldBe("orchestrator");
        claims["aud"]!.GetValue<string>().ShouldBe("orchestrator-api");

        using var me = factory.CreateBearerClient(token);
        var profile = await (await me.GetAsync("/api/v1/me")).ReadJsonAsync();
        profile["username"]!.GetValue<string>().ShouldBe("admin");
        profile["role"]!.GetValue<string>().ShouldBe("admin");
        profile["mfaEnabled"]!.GetValue<bool>().ShouldBeFalse();
        profile["id"]!.GetValue<string>().ShouldBe(claims["sub"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_get_the_same_invalid_grant()
    {
        using var client = factory.CreateClient();
        using var wrongPassword = await client.PostAsync("/token", Form(("grant_type", "password"), ("username", "admin"), ("password", "not the admin password at all")));
        using var unknownUser = await client.PostAsync("/token", Form(("grant_type", "password"), ("username", "nobody-here"), ("password", "not the admin password at all")));

        wrongPassword.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknownUser.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var wrongBody = await wrongPassword.Content.ReadAsStringAsync();
        wrongBody.ShouldBe(await unknownUser.Content.ReadAsStringAsync());
        JsonNode.Parse(wrongBody)!["error"]!.GetValue<string>().ShouldBe("invalid_grant");
    }

    [Theory]
    [InlineData("grant_type=client_credentials", "unsupported_grant_type")]
    [InlineData("username=admin&password=x", "invalid_request")]
    [InlineData("grant_type=password&username=admin", "invalid_request")]
    [InlineData("grant_type=password&grant_type=password&username=admin&password=x", "invalid_request")]
    public async Task Malformed_token_requests_get_rfc6749_errors(string form, string expectedError)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/token", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["error"]!.GetValue<string>().ShouldBe(expectedError);
    }

    [Fact]
    public async Task Token_endpoint_refuses_json_with_415()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/token", new StringContent("""{"grant_type":"password"}""", Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await response.ReadJsonAsync())["error"]!.GetValue<string>().ShouldBe("invalid_request");
    }

    [Fact]
    public async Task Requests_without_a_valid_bearer_token_get_401_problem_with_www_authenticate()
    {
        var token = await factory.GetAccessTokenAsync("admin", OrchestratorApiFactory.AdminPassword);
        var parts = token.Split('.');
        var payload = DecodeSegment(token, 1);
        payload["role"] = "admin";
        payload["sub"] = Guid.NewGuid().ToString();
        var tampered = $"{parts[0]}.{Encode(payload.ToJsonString())}.{parts[2]}";
        var algNone = $"{Encode("""{"alg":"none","typ":"at+jwt"}""")}.{parts[1]}.";
        var wrongType = $"{Encode("""{"alg":"HS256","typ":"JWT"}""")}.{parts[1]}.{parts[2]}";

        foreach (var bad in new[] { null, "garbage", tampered, algNone, wrongType })
        {
            using var client = factory.CreateClient();
            if (bad is not null)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bad);
            }

            using var response = await client.GetAsync("/api/v1/resources");
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Bearer");
        }

        // Tokens are accepted only in the Authorization header.
        using var queryClient = factory.CreateClient();
        using var viaQuery = await queryClient.GetAsync($"/api/v1/resources?access_token={token}");
        viaQuery.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static JsonNode DecodeSegment(string token, int index)
    {
        var segment = token.Split('.')[index].Replace('-', '+').Replace('_', '/');
        segment = segment.PadRight(segment.Length + ((4 - (segment.Length % 4)) % 4), '=');
        return JsonNode.Parse(Convert.FromBase64String(segment))!;
    }

    private static string Encode(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
