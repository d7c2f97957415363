using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Authorization;

/// <summary>Object-level authorization: ownership, policy grants, Deny for everyone, and the policy endpoints.</summary>
public sealed class ResourcePolicyTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Another_users_resource_id_is_404_on_every_endpoint_and_absent_from_lists()
    {
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        var (stranger, _) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;
        using var _s = stranger;
        var id = await CreateAsync(owner, "private01");

        // Each endpoint answers a foreign id exactly as it answers an id that does not exist: nothing to enumerate.
        // Operators lack the delete permission, so DELETE is refused (403) before any resource is looked at.
        var unknown = Guid.NewGuid().ToString();
        var attempts = new (string Name, Func<string, Task<HttpResponseMessage>> Send, HttpStatusCode Expected)[]
        {
            ("GET", target => stranger.GetAsync($"/api/v1/resources/{target}"), HttpStatusCode.NotFound),
            ("PATCH", target => stranger.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{target}", """{"tags":{}}"""), HttpStatusCode.NotFound),
            ("DELETE", target => stranger.DeleteAsync($"/api/v1/resources/{target}"), HttpStatusCode.Forbidden),
            ("GET policy", target => stranger.GetAsync($"/api/v1/resources/{target}/policy"), HttpStatusCode.NotFound),
            ("PUT policy", target => stranger.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{target}/policy", """{"statements":[]}"""), HttpStatusCode.NotFound),
        };
        foreach (var (name, send, expected) in attempts)
        {
            using var foreign = await send(id);
            using var missing = await send(unknown);
            foreign.StatusCode.ShouldBe(expected, name);
            missing.StatusCode.ShouldBe(expected, name);
            (await foreign.ReadJsonAsync())["title"]!.GetValue<string>().ShouldBe((await missing.ReadJsonAsync())["title"]!.GetValue<string>(), name);
        }

        // An admin may delete anyone's resource; a Deny for admins turns that into 404 as well.
        using var admin = await factory.CreateAdminClientAsync();
        await PutPolicyAsync(owner, id, new { effect = "Deny", principals = new[] { "role:admin" }, actions = new[] { "read", "delete" } });
        using (var adminDelete = await admin.DeleteAsync($"/api/v1/resources/{id}"))
        {
            adminDelete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        (await ListIdsAsync(stranger)).ShouldNotContain(id);
        (await ListIdsAsync(owner)).ShouldContain(id);
    }

    [Fact]
    public async Task A_grant_opens_exactly_the_granted_actions()
    {
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        var (grantee, granteeId) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;
        using var _g = grantee;
        var id = await CreateAsync(owner, "shared01");

        await PutPolicyAsync(owner, id, new { effect = "Allow", principals = new[] { $"user:{granteeId}" }, actions = new[] { "read" } });

        using (var read = await grantee.GetAsync($"/api/v1/resources/{id}"))
        {
            read.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await ListIdsAsync(grantee)).ShouldContain(id);
        using (var patch = await grantee.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{"x":"y"}}"""))
        {
            await patch.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        using (var policy = await grantee.GetAsync($"/api/v1/resources/{id}/policy"))
        {
            await policy.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        await PutPolicyAsync(owner, id, new { effect = "Allow", principals = new[] { "role:operator" }, actions = new[] { "read", "update" } });
        using (var patch = await grantee.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{"x":"y"}}"""))
        {
            patch.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The role table still comes first: no grant lets an operator delete.
        await PutPolicyAsync(owner, id, new { effect = "Allow", principals = new[] { "*" }, actions = new[] { "read", "update", "delete" } });
        using (var delete = await grantee.DeleteAsync($"/api/v1/resources/{id}"))
        {
            await delete.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        // An empty list clears the policy.
        await PutPolicyAsync(owner, id);
        using var gone = await grantee.GetAsync($"/api/v1/resources/{id}");
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deny_stops_even_an_admin_who_can_still_change_the_policy()
    {
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;
        using var admin = await factory.CreateAdminClientAsync();
        var id = await CreateAsync(owner, "guarded01");

        var stored = await PutPolicyAsync(owner, id, new { effect = "Deny", principals = new[] { "role:admin" }, actions = new[] { "read", "update", "delete" } });
        stored["statements"]![0]!["effect"]!.GetValue<string>().ShouldBe("Deny");

        using (var read = await admin.GetAsync($"/api/v1/resources/{id}"))
        {
            read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var delete = await admin.DeleteAsync($"/api/v1/resources/{id}"))
        {
            delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        (await ListIdsAsync(admin)).ShouldNotContain(id);

        using (var policy = await admin.GetAsync($"/api/v1/resources/{id}/policy"))
        {
            policy.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await PutPolicyAsync(admin, id);
        using var readAgain = await admin.GetAsync($"/api/v1/resources/{id}");
        readAgain.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_idempotent_replay_is_a_read_and_answers_404_once_a_deny_hides_the_resource_from_its_creator()
    {
        var (owner, ownerId) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;
        using var admin = await factory.CreateAdminClientAsync();
        var body = new { name = "replayed01", type = "s3", region = "us-east-1" };
        string id;
        using (var first = await owner.CreateResourceAsync(body, "replay-key"))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            id = (await first.ReadJsonAsync())["id"]!.GetValue<string>();
        }

        await PutPolicyAsync(admin, id, new { effect = "Deny", principals = new[] { $"user:{ownerId}" }, actions = new[] { "read" } });
        using (var read = await owner.GetAsync($"/api/v1/resources/{id}"))
        {
            read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var replay = await owner.CreateResourceAsync(body, "replay-key"))
        {
            var problem = await replay.ShouldBeProblemAsync(HttpStatusCode.NotFound);
            problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            (await replay.Content.ReadAsStringAsync()).ShouldNotContain(id);
        }

        // Still no second creation, and lifting the deny gives the first answer back.
        await PutPolicyAsync(admin, id);
        using var again = await owner.CreateResourceAsync(body, "replay-key");
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await again.ReadJsonAsync())["id"]!.GetValue<string>().ShouldBe(id);
        (await ListIdsAsync(owner)).Count(listed => listed == id).ShouldBe(1);
        (await ListIdsAsync(owner)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{}""", "statements")]
    [InlineData("""{"statements":[{"effect":"allow","principals":["*"],"actions":["read"]}]}""", "statements[0].effect")]
    [InlineData("""{"statements":[{"effect":"Allow","principals":[],"actions":["read"]}]}""", "statements[0].principals")]
    [InlineData("""{"statements":[{"effect":"Allow","principals":["group:x"],"actions":["read"]}]}""", "statements[0].principals[0]")]
    [InlineData("""{"statements":[{"effect":"Allow","principals":["*"],"actions":["create"]}]}""", "statements[0].actions[0]")]
    [InlineData("""{"statements":[null]}""", "statements[0]")]
    [InlineData("""{"statements":[{"effect":"Allow","principals":["*"],"actions":["read"],"condition":"x"}]}""", "statements[0].condition")]
    public async Task Invalid_policy_gets_400_naming_the_field(string json, string field)
    {
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;
        var id = await CreateAsync(owner, "invalidpol");
        using var response = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{id}/policy", json);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }

    private static async Task<string> CreateAsync(HttpClient client, string name)
    {
        using var created = await client.CreateResourceAsync(new { name, type = "s3", region = "us-east-1" });
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return (await created.ReadJsonAsync())["id"]!.GetValue<string>();
    }

    private static async Task<JsonNode> PutPolicyAsync(HttpClient client, string id, params object[] statements)
    {
        using var response = await client.SendJsonAsync(
            HttpMethod.Put, $"/api/v1/resources/{id}/policy", JsonSerializer.Serialize(new { statements }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        body["statements"]!.AsArray().Count.ShouldBe(statements.Length);
        return body;
    }

    private static async Task<List<string>> ListIdsAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/resources?pageSize=100");
        return [.. (await response.ReadJsonAsync())["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>())];
    }
}
