using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Security;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.WebApi.Endpoints;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>
/// The endpoint table is the one description of the API: every endpoint names the request it sends, and the served
/// OpenAPI document states exactly what the table derives (operations, access, error answers).
/// </summary>
public sealed class EndpointTableTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public void Every_api_endpoint_sends_a_request()
    {
        var inventory = Inventory();

        inventory.Entries.Count.ShouldBeGreaterThan(20);
        inventory.Entries.ShouldContain(e => e.Method == "GET" && e.Path == "/api/v1/regions");
        inventory.WithoutRequest.Select(e => $"{e.Method} {e.Route}").ShouldBeEmpty("endpoints that send no request: map them with .Sends<TRequest>()");
    }

    [Fact]
    public void An_endpoint_mapped_without_a_request_is_reported()
    {
        var source = new DefaultEndpointDataSource(
            Endpoint("/api/v1/forgotten"),
            Endpoint("/health/live"));

        var missing = new EndpointInventory(source).WithoutRequest;

        missing.Select(e => e.Path).ShouldBe(["/api/v1/forgotten"]);
    }

    [Fact]
    public async Task Served_document_states_what_the_table_derives()
    {
        var inventory = Inventory().Entries.Where(e => e.RequestType is not null).ToList();
        var document = await DocumentAsync();
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Method: op.Key.ToUpperInvariant(), Path: path.Key, Operation: op.Value!)))
            .ToList();

        documented.Select(o => $"{o.Method} {o.Path}").ShouldBe(inventory.Select(e => $"{e.Method} {e.Path}"), ignoreOrder: true);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var entry in inventory)
        {
            var name = $"{entry.Method} {entry.Path}";
            var operation = documented.Single(o => o.Method == entry.Method && o.Path == entry.Path).Operation;
            var declared = DeclaredAccess(entry.RequestType!);

            operation["x-permission"]!.GetValue<string>().ShouldBe(declared, name);
            entry.Contract!.Access.ShouldBe(declared, name);
            var responses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
            responses.ShouldBeSubsetOf(entry.Contract.Errors.Select(e => e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Concat(responses.Where(code => code[0] is '2')), name);
            foreach (var error in entry.Contract.Errors)
            {
                responses.ShouldContain(error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), name);
            }

            // Anonymity comes from the request alone, and the endpoint is open exactly when the request says so.
            var endpoint = endpoints.Single(e => e.Metadata.GetMetadata<OperationContract>() == entry.Contract);
            (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).ShouldBe(declared == "anonymous", name);
        }
    }

    private static string DeclaredAccess(Type request) =>
        request.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null ? "anonymous"
        : request.GetCustomAttribute<RequiresPermissionAttribute>() is { } permission ? permission.Permission.ToString().ToLowerInvariant()
        : request.GetCustomAttribute<RequiresAuthenticationAttribute>() is not null ? "authenticated"
        : throw new ShouldAssertException($"{request.Name} declares no access");

    private static RouteEndpoint Endpoint(string pattern) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, new EndpointMetadataCollection(new HttpMethodMetadata(["GET"])), pattern);

    private EndpointInventory Inventory() => factory.Services.GetRequiredService<EndpointInventory>();

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        return await response.ReadJsonAsync();
    }
}
