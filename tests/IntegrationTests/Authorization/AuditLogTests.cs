using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Authorization;

/// <summary>Every change to a resource or a policy, and every denied request, lands in the audit log.</summary>
public sealed class AuditLogTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Changes_and_denials_are_audited_with_user_ip_and_correlation_id()
    {
        var (owner, ownerId) = await factory.CreateUserClientAsync("operator");
        var (stranger, strangerId) = await factory.CreateUserClientAsync("viewer");
        using var _o = owner;
        using var _s = stranger;
        using var admin = await factory.CreateAdminClientAsync();

        using var created = await owner.CreateResourceAsync(new { name = "audited01", type = "s3", region = "us-east-1" });
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        using var patched = await owner.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{"env":"dev"}}""");
        using var policy = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{id}/policy", """{"statements":[]}""");
        using var hidden = await stranger.GetAsync($"/api/v1/resources/{id}");
        using var forbidden = await stranger.CreateResourceAsync(new { name = "nope01", type = "s3", region = "us-east-1" });
        using var deleted = await admin.DeleteAsync($"/api/v1/resources/{id}");
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var events = await AuditAsync(admin, $"resourceId={id}");
        events.Select(e => e["action"]!.GetValue<string>()).ShouldBe(
            ["resource.deletion-requested", "access.denied", "resource.policy-replaced", "resource.tags-replaced", "resource.created"]);
        var creation = events.Last();
        creation["userId"]!.GetValue<string>().ShouldBe(ownerId.ToString());
        creation["outcome"]!.GetValue<string>().ShouldBe("success");
        creation["correlationId"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var denial = events.Single(e => e["action"]!.GetValue<string>() == "access.denied");
        denial["userId"]!.GetValue<string>().ShouldBe(strangerId.ToString());
        denial["outcome"]!.GetValue<string>().ShouldBe("denied");

        var strangerEvents = await AuditAsync(admin, $"userId={strangerId}&action=access.denied");
        strangerEvents.Count.ShouldBe(2);
        strangerEvents.ShouldContain(e => e["details"]!.GetValue<string>().Contains("permission=create"));
    }

    [Fact]
    public async Task Audit_log_is_for_admins_and_filters_by_time()
    {
        var (operatorClient, _) = await factory.CreateUserClientAsync("operator");
        using var _o = operatorClient;
        using var refused = await operatorClient.GetAsync("/api/v1/audit");
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        using var admin = await factory.CreateAdminClientAsync();
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"));
        (await AuditAsync(admin, $"from={future}")).ShouldBeEmpty();
        (await AuditAsync(admin, "action=access.denied")).ShouldNotBeEmpty();

        using var badRange = await admin.GetAsync($"/api/v1/audit?from={future}&to=2020-01-01T00:00:00Z");
        (await badRange.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["to"].ShouldNotBeNull();
    }

    private static async Task<List<JsonNode>> AuditAsync(HttpClient admin, string query)
    {
        using var response = await admin.GetAsync($"/api/v1/audit?{query}&pageSize=200");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.ReadJsonAsync())["items"]!.AsArray().Select(e => e!)];
    }
}
