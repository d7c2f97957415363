using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>
/// Oversized, deeply nested, invalid UTF-8 (or undecodable in the declared charset), duplicate-key, huge-number,
/// null-everywhere and truncated bodies, and token forms with odd field names, sent to every
/// endpoint that reads a JSON body: each gets its 4xx (413 for size, 415 for media type, 400 for the rest), never a 500.
/// </summary>
public sealed class MalformedBodyTests(OrchestratorApiFactory factory, ITestOutputHelper output) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Malformed_bodies_on_every_json_endpoint_get_the_right_4xx()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var (user, _) = await factory.CreateUserClientAsync("operator");
        using var _u = user;
        var (target, targetId) = await factory.CreateUserClientAsync("viewer");
        target.Dispose();
        string resourceId;
        using (var created = await user.CreateResourceAsync(new { name = "bodytarget", type = "s3", region = "us-east-1" }))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            resourceId = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        }

        var endpoints = new (HttpClient Client, HttpMethod Method, string Path, string ValidBody)[]
        {
            (user, HttpMethod.Post, "/api/v1/resources", """{"name":"abc123","type":"rds","region":"us-east-1","tags":{"env":"dev"},"spec":{"engine":"postgres","instanceClass":"db.t3.micro","allocatedStorage":20}}"""),
            (user, HttpMethod.Patch, $"/api/v1/resources/{resourceId}", """{"tags":{"env":"dev"}}"""),
            (user, HttpMethod.Put, $"/api/v1/resources/{resourceId}/policy", """{"statements":[{"effect":"Allow","principals":["*"],"actions":["read"]}]}"""),
            (admin, HttpMethod.Post, "/api/v1/users", """{"username":"bodyuser","password":"a long enough passphrase for sure","role":"viewer"}"""),
            (admin, HttpMethod.Patch, $"/api/v1/users/{targetId}", """{"role":"viewer","disabled":false}"""),
            (user, HttpMethod.Post, "/api/v1/me/password", """{"currentPassword":"not the current one at all","newPassword":"another long passphrase here"}"""),
            (user, HttpMethod.Post, "/api/v1/me/mfa/totp/confirm", """{"code":"123456"}"""),
            (user, HttpMethod.Delete, "/api/v1/me/mfa/totp", """{"currentPassword":"not the current one at all","code":"123456"}"""),
        };

        var tally = new TrafficTally("malformed bodies");
        foreach (var (client, method, path, validBody) in endpoints)
        {
            foreach (var (name, content, expected) in Cases(validBody))
            {
                using var request = new HttpRequestMessage(method, path) { Content = content };
                using var response = await client.SendAsync(request);
                tally.Record(response.StatusCode);
                var body = await response.Content.ReadAsStringAsync();
                if (!expected.Contains(response.StatusCode))
                {
                    tally.Fail($"{method} {path} {name}: {(int)response.StatusCode} {body}");
                }
                else if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    tally.Fail($"{method} {path} {name}: {(int)response.StatusCode} without problem+json");
                }

                ApiClient.ShouldLeakNothing(body);
            }
        }

        await SendMalformedFormsAsync(tally);
        tally.Report(output, $"{endpoints.Length} JSON endpoints and /token");
    }

    private async Task SendMalformedFormsAsync(TrafficTally tally)
    {
        var forms = new (string Name, HttpContent Content, HttpStatusCode Expected)[]
        {
            ("invalid UTF-8 percent-encoding", Form("grant_type=password&username=%FF%FE%FD&password=%C3%28"), HttpStatusCode.BadRequest),
            ("raw invalid UTF-8", Form([.. "grant_type=password&username="u8, 0xFF, 0xC3, 0x28, .. "&password=x"u8]), HttpStatusCode.BadRequest),
            ("duplicate grant_type", Form("grant_type=password&grant_type=refresh_token&username=a&password=b"), HttpStatusCode.BadRequest),
            ("duplicate username", Form("grant_type=password&username=admin&username=other&password=b"), HttpStatusCode.BadRequest),
            ("empty values", Form("grant_type=&username=&password="), HttpStatusCode.BadRequest),
            ("keys without values", Form("grant_type&username&password"), HttpStatusCode.BadRequest),
            ("empty body", Form(string.Empty), HttpStatusCode.BadRequest),
            ("70 KiB username", Form($"grant_type=password&username={new string('a', 70 * 1024)}&password=x"), HttpStatusCode.RequestEntityTooLarge),
            ("JSON under the form media type", Form("""{"grant_type":"password"}"""), HttpStatusCode.BadRequest),
            ("a field name with an unclosed [", Form("grant_type=password&username=a&password=b&a[=x"), HttpStatusCode.BadRequest),
            ("broken percent-encoding", Form("grant_type=password&username=%G1&password=b"), HttpStatusCode.BadRequest),
        };
        foreach (var (name, content, expected) in forms)
        {
            using var client = factory.CreateClient();
            using var response = await client.PostAsync("/token", content);
            tally.Record(response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected)
            {
                tally.Fail($"/token {name}: {(int)response.StatusCode} {body}");
            }

            ApiClient.ShouldLeakNothing(body);
        }
    }

    private static IEnumerable<(string Name, HttpContent Content, HttpStatusCode[] Expected)> Cases(string validBody)
    {
        HttpStatusCode[] badRequest = [HttpStatusCode.BadRequest];
        var valid = JsonNode.Parse(validBody)!.AsObject();
        var fields = valid.Select(p => p.Key).ToList();

        yield return ("70 KiB body", Json($$"""{"{{fields[0]}}":"{{new string('a', 70 * 1024)}}"}"""), [HttpStatusCode.RequestEntityTooLarge]);
        yield return ("array nested 5000 deep", Json($$"""{"{{fields[0]}}":{{new string('[', 5000)}}{{new string(']', 5000)}}}"""), badRequest);
        yield return ("object nested 300 deep", Json($"{{\"{fields[0]}\":{string.Concat(Enumerable.Repeat("{\"a\":", 300))}1{new string('}', 301)}"), badRequest);
        yield return ("invalid UTF-8", Json([.. "{\""u8, .. Encoding.UTF8.GetBytes(fields[0]), .. "\":\"\xFF\xFE"u8, 0xC3, 0x28, .. "\"}"u8]), badRequest);
        yield return ("lone surrogate escape", Json($$"""{"{{fields[0]}}":"\uD800"}"""), badRequest);
        yield return ("duplicate key", Json($"{{\"{fields[0]}\":{valid[fields[0]]!.ToJsonString()},{validBody[1..]}"), badRequest);
        yield return ("duplicate key differing in case", Json($"{{\"{char.ToUpperInvariant(fields[0][0])}{fields[0][1..]}\":{valid[fields[0]]!.ToJsonString()},{validBody[1..]}"), badRequest);
        yield return ("every field null", Json($"{{{string.Join(',', fields.Select(f => $"\"{f}\":null"))}}}"), badRequest);
        yield return ("null body", Json("null"), badRequest);
        yield return ("array body", Json("[]"), badRequest);
        yield return ("string body", Json("\"x\""), badRequest);
        yield return ("number body", Json("1e400"), badRequest);
        yield return ("empty body", Json(string.Empty), [HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType]);
        yield return ("truncated body", Json(validBody[..(validBody.Length / 2)]), badRequest);
        yield return ("trailing garbage", Json(validBody + "}{"), badRequest);
        yield return ("comments", Json("/* c */" + validBody), badRequest);
        yield return ("text/plain", new StringContent(validBody, Encoding.UTF8, "text/plain"), [HttpStatusCode.UnsupportedMediaType]);
        yield return ("utf-16 declared, bytes that do not decode", Json([(byte)'{', 0, 0x00, 0xD8], "utf-16"), [HttpStatusCode.UnsupportedMediaType]);
        yield return ("utf-16 declared and sent", Json(Encoding.Unicode.GetBytes(validBody), "utf-16"), [HttpStatusCode.BadRequest, HttpStatusCode.Conflict, .. Success]);
        foreach (var field in fields)
        {
            foreach (var number in new[] { "1e400", "-1e400", "123456789012345678901234567890", "2147483648", "-0.0000001" })
            {
                yield return ($"{field} = {number}", Json(valid.With(field, JsonNode.Parse(number)).ToJsonString()), badRequest);
            }

            var nulled = valid.DeepClone().AsObject();
            nulled[field] = null;
            yield return ($"{field} = null", Json(nulled.ToJsonString()), [HttpStatusCode.BadRequest, .. Success]);
        }

        foreach (var (name, node) in Nested(valid))
        {
            yield return (name, Json(node.ToJsonString()), badRequest);
        }
    }

    private static readonly HttpStatusCode[] Success = [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted, HttpStatusCode.NoContent];

    /// <summary>Huge numbers and nulls inside nested objects and arrays (tags, spec, statements).</summary>
    private static IEnumerable<(string Name, JsonObject Body)> Nested(JsonObject valid)
    {
        foreach (var (field, value) in valid)
        {
            if (value is JsonObject inner)
            {
                foreach (var key in inner.Select(p => p.Key).ToList())
                {
                    yield return ($"{field}.{key} = 1e400", valid.With(field, inner.With(key, JsonNode.Parse("1e400"))));
                    yield return ($"{field}.{key} = 99999999999999999999", valid.With(field, inner.With(key, JsonNode.Parse("99999999999999999999"))));
                    yield return ($"{field}.{key} = []", valid.With(field, inner.With(key, new JsonArray())));
                }

                yield return ($"{field} = [null]", valid.With(field, new JsonArray(null, null)));
            }
            else if (value is JsonArray array)
            {
                yield return ($"{field} = [null]", valid.With(field, new JsonArray((JsonNode?)null)));
                yield return ($"{field} = [1e400]", valid.With(field, new JsonArray(JsonNode.Parse("1e400"))));
                if (array.FirstOrDefault() is JsonObject element)
                {
                    foreach (var key in element.Select(p => p.Key).ToList())
                    {
                        yield return ($"{field}[0].{key} = null", valid.With(field, new JsonArray(element.With(key, JsonValue.Create((string?)null)))));
                        yield return ($"{field}[0].{key} = [null]", valid.With(field, new JsonArray(element.With(key, new JsonArray((JsonNode?)null)))));
                    }
                }
            }
        }
    }

    private static ByteArrayContent Json(string text) => Json(Encoding.UTF8.GetBytes(text));

    private static ByteArrayContent Json(byte[] bytes, string? charset = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = charset };
        return content;
    }

    private static ByteArrayContent Form(string text) => Form(Encoding.UTF8.GetBytes(text));

    private static ByteArrayContent Form(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }
}
