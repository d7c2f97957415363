using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Resources.ListResources;
using Orchestrator.Domain.Resources;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>The served document states the limits the API enforces, taken from the validators and the domain's rules.</summary>
public sealed class OpenApiLimitsTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Create_body_name_has_the_validators_length_and_pattern_and_is_required()
    {
        var body = Schema(await DocumentAsync(), "CreateResourceBody");
        var name = body["properties"]!["name"]!;

        name["minLength"]!.GetValue<int>().ShouldBe(ResourceRules.NameMinLength);
        name["maxLength"]!.GetValue<int>().ShouldBe(ResourceRules.NameMaxLength);
        name["pattern"]!.GetValue<string>().ShouldBe("^[A-Za-z0-9]{3,63}$");
        body["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("name");

        // The pattern means in the document what it means to the API.
        var pattern = new Regex(name["pattern"]!.GetValue<string>());
        pattern.IsMatch("web1").ShouldBeTrue();
        pattern.IsMatch("web-1").ShouldBeFalse();
    }

    [Fact]
    public async Task Create_body_value_sets_are_the_validators()
    {
        var document = await DocumentAsync();
        var body = Schema(document, "CreateResourceBody")["properties"]!;
        var allowedRegions = factory.Services.GetRequiredService<IOptions<CloudCatalogOptions>>().Value.AllowedRegions;

        Values(body["type"]!).ShouldBe(["ec2", "s3", "rds"], ignoreOrder: true);
        Values(body["region"]!).ShouldBe(allowedRegions, ignoreOrder: true);
        Values(Schema(document, "CreateUserBody")["properties"]!["role"]!).ShouldBe(["admin", "operator", "viewer"], ignoreOrder: true);

        var password = Schema(document, "CreateUserBody")["properties"]!["password"]!;
        password["minLength"]!.GetValue<int>().ShouldBe(15);
        password["maxLength"]!.GetValue<int>().ShouldBe(128);
    }

    [Fact]
    public async Task Page_size_and_page_items_have_the_list_validators_range()
    {
        var document = await DocumentAsync();
        var pageSize = Parameter(document, "/api/v1/resources", "get", "pageSize")["schema"]!;
        pageSize["minimum"]!.GetValue<int>().ShouldBe(1);
        pageSize["maximum"]!.GetValue<int>().ShouldBe(ListResourcesQuery.MaxPageSize);
        pageSize["format"]!.GetValue<string>().ShouldBe("int32");
        Schema(document, "ResourcePage")["properties"]!["items"]!["maxItems"]!.GetValue<int>().ShouldBe(ListResourcesQuery.MaxPageSize);

        Parameter(document, "/api/v1/users", "get", "pageSize")["schema"]!["maximum"]!.GetValue<int>().ShouldBe(200);
        Schema(document, "UserPage")["properties"]!["items"]!["maxItems"]!.GetValue<int>().ShouldBe(200);
        Parameter(document, "/api/v1/audit", "get", "action")["schema"]!["maxLength"]!.GetValue<int>().ShouldBe(64);
    }

    [Fact]
    public async Task Idempotency_key_and_responses_ids_and_times_are_bounded()
    {
        var document = await DocumentAsync();
        var key = Parameter(document, "/api/v1/resources", "post", "Idempotency-Key")["schema"]!;
        key["minLength"]!.GetValue<int>().ShouldBe(1);
        key["maxLength"]!.GetValue<int>().ShouldBe(255);
        key["pattern"]!.GetValue<string>().ShouldBe("^[!-~]+$");

        var resource = Schema(document, "ResourceDto")["properties"]!;
        resource["id"]!["format"]!.GetValue<string>().ShouldBe("uuid");
        resource["id"]!["maxLength"]!.GetValue<int>().ShouldBe(36);
        resource["createdAt"]!["format"]!.GetValue<string>().ShouldBe("date-time");
        resource["tags"]!["maxProperties"]!.GetValue<int>().ShouldBe(ResourceRules.MaxTags);
        resource["tags"]!["additionalProperties"]!["maxLength"]!.GetValue<int>().ShouldBe(ResourceRules.TagValueMaxLength);
    }

    [Fact]
    public async Task Every_response_states_the_rate_limit_headers_a_real_answer_carries()
    {
        var document = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var (code, response) in operation["responses"]!.AsObject())
            {
                var headers = response!["headers"]!.AsObject();
                headers.Select(h => h.Key).ShouldContain("RateLimit-Policy", $"{method} {path} {code}");
                headers.Select(h => h.Key).ShouldContain("RateLimit", $"{method} {path} {code}");
                headers.Select(h => h.Key).ShouldContain("Access-Control-Allow-Origin", $"{method} {path} {code}");
                if (code == "429")
                {
                    headers["Retry-After"]!["schema"]!["type"]!.GetValue<string>().ShouldBe("integer");
                }
            }
        }

        // The patterns the document states match what the API sends, here on a 401.
        var unauthorized = document["paths"]!["/api/v1/me"]!["get"]!["responses"]!["401"]!["headers"]!;
        using var client = factory.CreateClient();
        using var answer = await client.GetAsync("/api/v1/me");
        foreach (var name in new[] { "RateLimit-Policy", "RateLimit" })
        {
            var value = answer.Headers.GetValues(name).Single();
            value.ShouldMatch(unauthorized[name]!["schema"]!["pattern"]!.GetValue<string>());
            value.Length.ShouldBeLessThanOrEqualTo(unauthorized[name]!["schema"]!["maxLength"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Operation_ids_are_named_after_their_requests_and_unique()
    {
        var ids = Operations(await DocumentAsync()).Select(o => o.Operation["operationId"]!.GetValue<string>()).ToList();

        ids.ShouldBeUnique();
        ids.ShouldContain("createResource");
        ids.ShouldContain("listResources");
    }

    private static JsonNode Schema(JsonNode document, string name) => document["components"]!["schemas"]![name]!;

    private static JsonNode Parameter(JsonNode document, string path, string method, string name) =>
        document["paths"]![path]![method]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!;

    private static List<string> Values(JsonNode schema) => [.. schema["enum"]!.AsArray().Select(v => v!.GetValue<string>())];

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key, op.Value!)));

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        return await response.ReadJsonAsync();
    }
}
