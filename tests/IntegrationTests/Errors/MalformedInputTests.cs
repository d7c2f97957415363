using System.Net;
using System.Text;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Errors;

/// <summary>
/// Every class of malformed input gets the contract's 4xx over the real pipeline: bodies in other charsets,
/// JSON that does not fit (keyed by the field's JSON path), query values that do not parse, and token forms with
/// any field name, repeated fields or broken encodings (RFC 6749 <c>invalid_request</c>).
/// </summary>
public sealed class MalformedInputTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Json_body_in_a_declared_charset_is_transcoded_when_it_decodes()
    {
        using var client = await factory.CreateAdminClientAsync();
        var id = await CreateBucketAsync(client, "charset01");

        using var utf16 = await SendAsync(client, HttpMethod.Patch, $"/api/v1/resources/{id}",
            Encoding.Unicode.GetBytes("""{"tags":{"city":"Zürich"}}"""), "application/json; charset=utf-16");
        using var latin1 = await SendAsync(client, HttpMethod.Patch, $"/api/v1/resources/{id}",
            Encoding.Latin1.GetBytes("""{"tags":{"city":"Genève"}}"""), "application/json; charset=ISO-8859-1");

        utf16.StatusCode.ShouldBe(HttpStatusCode.OK, await utf16.Content.ReadAsStringAsync());
        (await utf16.ReadJsonAsync())["tags"]!["city"]!.GetValue<string>().ShouldBe("Zürich");
        latin1.StatusCode.ShouldBe(HttpStatusCode.OK, await latin1.Content.ReadAsStringAsync());
        (await latin1.ReadJsonAsync())["tags"]!["city"]!.GetValue<string>().ShouldBe("Genève");
    }

    [Theory]
    [InlineData("utf-16", new byte[] { (byte)'{', 0, 0x00, 0xD8, (byte)'}', 0 })] // a lone high surrogate
    [InlineData("utf-16", new byte[] { (byte)'{', 0, (byte)'}' })] // an odd number of bytes
    [InlineData("utf-32", new byte[] { (byte)'{', 0, 0, 0, 0xFF, 0xFF, 0x11, 0x00 })] // beyond U+10FFFF
    [InlineData("x-no-such-charset", new byte[] { (byte)'{', (byte)'}' })]
    public async Task Json_body_whose_declared_charset_does_not_decode_gets_415(string charset, byte[] body)
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await SendAsync(client, HttpMethod.Post, "/api/v1/me/password", body, $"application/json; charset={charset}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("""{"name":1,"type":"ec2","region":"us-east-1"}""", "name")]
    [InlineData("""{"name":"web1","type":"ec2","region":"us-east-1","spec":{"instanceType":["t3.micro"]}}""", "spec.instanceType")]
    [InlineData("""{"name":"web1","type":"ec2","region":"us-east-1","tags":{"env":{"nested":true}}}""", "tags.env")]
    [InlineData("""{"name":"web1","type":"ec2","region":"us-east-1","Role":"admin"}""", "role")]
    [InlineData("[1]", "body")]
    [InlineData("", "body")]
    public async Task Json_that_does_not_fit_gets_400_keyed_by_the_json_path(string json, string field)
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", json);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe([field], problem.ToJsonString());
    }

    [Fact]
    public async Task Json_body_of_another_media_type_gets_415_and_a_merge_patch_only_where_patching()
    {
        using var client = await factory.CreateAdminClientAsync();
        var id = await CreateBucketAsync(client, "mediatype01");
        var tags = Encoding.UTF8.GetBytes("""{"tags":{"env":"dev"}}""");

        using var text = await SendAsync(client, HttpMethod.Patch, $"/api/v1/resources/{id}", tags, "text/plain");
        using var mergePatch = await SendAsync(client, HttpMethod.Patch, $"/api/v1/resources/{id}", tags, "application/merge-patch+json");
        using var mergePatchOnPut = await SendAsync(client, HttpMethod.Put, $"/api/v1/resources/{id}/policy", """{"statements":[]}"""u8.ToArray(), "application/merge-patch+json");

        await text.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        mergePatch.StatusCode.ShouldBe(HttpStatusCode.OK);
        await mergePatchOnPut.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("/api/v1/resources?page=abc", "page")]
    [InlineData("/api/v1/resources?page=1&page=2", "page")]
    [InlineData("/api/v1/users?pageSize=9999999999999", "pageSize")]
    [InlineData("/api/v1/audit?from=not-a-date", "from")]
    [InlineData("/api/v1/audit?userId=not-a-guid&page=x", "userId")]
    public async Task Query_value_that_does_not_parse_gets_400_naming_the_parameter(string url, string field)
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync(url);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }

    [Theory]
    [InlineData("a[")]
    [InlineData("a[b]")]
    [InlineData("]")]
    [InlineData("%5B")]
    [InlineData("a.b[0].c")]
    [InlineData("")]
    public async Task Token_form_field_of_any_name_is_ignored(string name)
    {
        using var client = factory.CreateClient();

        using var issued = await PostFormAsync(client, "/token",
            $"grant_type=password&username=admin&password={Uri.EscapeDataString(OrchestratorApiFactory.AdminPassword)}&{name}=x");
        using var revoked = await PostFormAsync(client, "/token/revoke", $"token=unknown&{name}=x");

        issued.StatusCode.ShouldBe(HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("username=%G1&password=x")]
    [InlineData("username=admin&password=%")]
    [InlineData("username=%FF&password=x")]
    [InlineData("a[=1&a[=2&username=admin&password=x")]
    [InlineData("username=admin&username=admin&password=x")]
    public async Task Token_form_that_cannot_be_read_exactly_gets_invalid_request(string fields)
    {
        using var client = factory.CreateClient();

        foreach (var (path, required) in new[] { ("/token", "grant_type=password"), ("/token/revoke", "token=x") })
        {
            using var response = await PostFormAsync(client, path, $"{required}&{fields}");

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json", path);
            var body = await response.ReadJsonAsync();
            body["error"]!.GetValue<string>().ShouldBe("invalid_request", path);
            body["error_description"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task Token_endpoints_refuse_a_body_that_is_not_a_form_with_415_in_their_own_shape()
    {
        using var client = factory.CreateClient();

        foreach (var path in new[] { "/token", "/token/revoke" })
        {
            using var content = new StringContent("""{"grant_type":"password"}""", Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(path, content);

            response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, path);
            (await response.ReadJsonAsync())["error"]!.GetValue<string>().ShouldBe("invalid_request", path);
        }
    }

    private static async Task<string> CreateBucketAsync(HttpClient client, string name)
    {
        using var created = await client.CreateResourceAsync(new { name, type = "s3", region = "us-east-1" });
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return (await created.ReadJsonAsync())["id"]!.GetValue<string>();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, byte[] body, string contentType)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string form)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(form));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        return await client.PostAsync(path, content);
    }
}
