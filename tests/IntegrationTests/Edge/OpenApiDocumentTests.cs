using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>The OpenAPI document behind Swagger UI documents who may call each operation, its errors and its shapes.</summary>
public sealed class OpenApiDocumentTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Theory]
    [InlineData("/api/v1/me", "get", "authenticated")]
    [InlineData("/api/v1/resources", "post", "create")]
    [InlineData("/api/v1/resources", "get", "read")]
    [InlineData("/api/v1/resources/{id}", "get", "read")]
    [InlineData("/api/v1/resources/{id}", "patch", "update")]
    [InlineData("/api/v1/resources/{id}", "delete", "delete")]
    [InlineData("/api/v1/users", "post", "manageusers")]
    [InlineData("/api/v1/users/{id}", "get", "manageusers")]
    [InlineData("/api/v1/regions", "get", "authenticated")]
    [InlineData("/token", "post", "anonymous")]
    public async Task Operation_states_the_permission_its_request_declares(string path, string method, string permission)
    {
        var operation = (await DocumentAsync())["paths"]![path]![method]!;

        operation["x-permission"]!.GetValue<string>().ShouldBe(permission);
        operation["description"]!.GetValue<string>().ShouldContain("**Access:**");
    }

    [Fact]
    public async Task Every_operation_documents_its_success_its_errors_as_problems_and_its_lock()
    {
        foreach (var (path, method, operation) in Operations(await DocumentAsync()))
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var responses = operation["responses"]!.AsObject();
            responses.Select(r => r.Key).ShouldContain(code => code.StartsWith('2'), name);
            responses.Select(r => r.Key).ShouldContain("429", name);
            responses.Select(r => r.Key).ShouldContain("500", name);
            responses["500"]!["content"]!["application/problem+json"]!["example"]!["status"]!.GetValue<int>().ShouldBe(500, name);
            if (!path.StartsWith("/token", StringComparison.Ordinal))
            {
                // Errors are problem+json everywhere except at the token endpoints, which answer in RFC 6749's shape.
                foreach (var (code, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    response!["content"]!.AsObject().Select(c => c.Key).ShouldBe(["application/problem+json"], $"{name} {code}");
                }
            }

            var anonymous = operation["x-permission"]!.GetValue<string>() == "anonymous";
            (operation["security"] is JsonArray { Count: > 0 }).ShouldBe(!anonymous, name);
            if (!anonymous)
            {
                responses["401"]!["content"]!["application/problem+json"].ShouldNotBeNull(name);
            }
        }
    }

    [Fact]
    public async Task Read_of_one_resource_is_described_like_the_operations_beside_it()
    {
        // GET by id returns its own sized result type; it must not lose what the operations beside it get.
        var item = (await DocumentAsync())["paths"]!["/api/v1/resources/{id}"]!;
        var read = item["get"]!;

        read["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(item["patch"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        read["summary"]!.GetValue<string>().ShouldStartWith("Read one resource");
        var id = read["parameters"]!.AsArray().Single()!;
        id["in"]!.GetValue<string>().ShouldBe("path");
        id["description"]!.GetValue<string>().ShouldBe("The resource id.");
        id["schema"]!["format"]!.GetValue<string>().ShouldBe("uuid");
        read["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldEndWith("/ResourceDto");
        read["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["200", "401", "403", "404", "429", "500", "503"], ignoreOrder: true);
    }

    [Fact]
    public async Task Every_request_and_response_shape_has_an_example()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var (name, schema) in schemas)
        {
            schema!["example"].ShouldNotBeNull($"{name} has no example");
        }

        var token = document["paths"]!["/token"]!["post"]!["requestBody"]!["content"]!["application/x-www-form-urlencoded"]!["schema"]!;
        token["properties"]!.AsObject().Select(p => p.Key).ShouldBe(["grant_type", "username", "password"], ignoreOrder: true);
        token["example"]!["grant_type"]!.GetValue<string>().ShouldBe("password");
    }

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key, op.Value!)));

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        return await response.ReadJsonAsync();
    }
}
