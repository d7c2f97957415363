using System.Net;
using System.Net.Http.Json;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Resources;

/// <summary>The whole resource flow through the real pipeline: create, get, list, patch, delete.</summary>
public sealed class ResourceFlowTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Create_get_list_patch_delete_round_trip()
    {
        var (client, userId) = await factory.CreateUserClientAsync("operator");
        using var _ = client;

        using var created = await client.CreateResourceAsync(new
        {
            name = "web01",
            type = "ec2",
            region = "eu-west-2",
            tags = new Dictionary<string, string> { ["env"] = "dev", ["team"] = "payments" },
            spec = new { instanceType = "t3.small" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
        var resource = await created.ReadJsonAsync();
        var id = resource["id"]!.GetValue<string>();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/v1/resources/{id}");
        created.Headers.ETag.ShouldNotBeNull();
        resource["status"]!.GetValue<string>().ShouldBe("pending");
        resource["ownerId"]!.GetValue<string>().ShouldBe(userId.ToString());
        resource["spec"]!["instanceType"]!.GetValue<string>().ShouldBe("t3.small");
        resource["spec"]!["imageId"]!.GetValue<string>().ShouldStartWith("ami-");
        resource["spec"]!["engine"].ShouldBeNull();
        resource["providerId"].ShouldBeNull();

        using var fetched = await client.GetAsync($"/api/v1/resources/{id}");
        fetched.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = fetched.Headers.ETag!.Tag;
        etag.ShouldBe(created.Headers.ETag!.Tag);
        (await fetched.ReadJsonAsync())["tags"]!["team"]!.GetValue<string>().ShouldBe("payments");

        using var listed = await client.GetAsync("/api/v1/resources?type=ec2&region=eu-west-2&status=pending&tag=team:payments");
        var page = await listed.ReadJsonAsync();
        page["totalCount"]!.GetValue<int>().ShouldBe(1);
        page["items"]![0]!["id"]!.GetValue<string>().ShouldBe(id);

        using var patched = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{"env":"prod"}}""", ("If-Match", etag));
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var patchedBody = await patched.ReadJsonAsync();
        patchedBody["tags"]!.AsObject().Select(t => t.Key).ShouldBe(["env"]);
        patchedBody["tags"]!["env"]!.GetValue<string>().ShouldBe("prod");
        patched.Headers.ETag!.Tag.ShouldNotBe(etag);

        using var stale = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{"env":"qa"}}""", ("If-Match", etag));
        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        using var afterStale = await client.GetAsync($"/api/v1/resources/{id}");
        (await afterStale.ReadJsonAsync())["tags"]!["env"]!.GetValue<string>().ShouldBe("prod");

        // Operators may not delete (role table); an admin may.
        using var operatorDelete = await client.DeleteAsync($"/api/v1/resources/{id}");
        await operatorDelete.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        using var admin = await factory.CreateAdminClientAsync();
        using var deleted = await admin.DeleteAsync($"/api/v1/resources/{id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await deleted.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("deleting");

        using var afterDelete = await client.GetAsync($"/api/v1/resources/{id}");
        (await afterDelete.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("deleting");

        using var patchDeleting = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{}}""");
        await patchDeleting.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Idempotency_key_returns_the_first_resource_and_refuses_a_different_body()
    {
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        var body = new { name = "bucket1", type = "s3", region = "us-east-1" };

        using var first = await client.CreateResourceAsync(body, "key-123");
        using var second = await client.CreateResourceAsync(body, "key-123");
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        second.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var firstId = (await first.ReadJsonAsync())["id"]!.GetValue<string>();
        (await second.ReadJsonAsync())["id"]!.GetValue<string>().ShouldBe(firstId);

        using var list = await client.GetAsync("/api/v1/resources?type=s3");
        (await list.ReadJsonAsync())["totalCount"]!.GetValue<int>().ShouldBe(1);

        using var different = await client.CreateResourceAsync(new { name = "bucket2", type = "s3", region = "us-east-1" }, "key-123");
        (await different.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity))["type"]!.GetValue<string>().ShouldEndWith("idempotency-key-reused");

        // Keys belong to their user: another user's same key creates their own resource.
        var (other, _) = await factory.CreateUserClientAsync("operator");
        using var _o = other;
        using var otherFirst = await other.CreateResourceAsync(body, "key-123");
        (await otherFirst.ReadJsonAsync())["id"]!.GetValue<string>().ShouldNotBe(firstId);
    }

    [Fact]
    public async Task Another_users_resource_is_invisible_and_absent_from_their_list()
    {
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        var (stranger, _) = await factory.CreateUserClientAsync("operator");
        using var _a = owner;
        using var _b = stranger;
        using var created = await owner.CreateResourceAsync(new { name = "secretdb", type = "rds", region = "us-east-1" });
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();

        using var get = await stranger.GetAsync($"/api/v1/resources/{id}");
        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var patch = await stranger.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{}}""");
        await patch.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var list = await stranger.GetAsync("/api/v1/resources");
        (await list.ReadJsonAsync())["items"]!.AsArray().ShouldNotContain(item => item!["id"]!.GetValue<string>() == id);

        // An unknown id answers exactly like someone else's.
        using var unknown = await stranger.GetAsync($"/api/v1/resources/{Guid.NewGuid()}");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_pages_newest_first_and_hides_deleted_unless_asked()
    {
        var (client, _) = await factory.CreateUserClientAsync("admin");
        using var _c = client;
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var created = await client.CreateResourceAsync(new { name = $"pager{i}", type = "s3", region = "eu-central-1", tags = new { batch = "paging" } });
            ids.Add((await created.ReadJsonAsync())["id"]!.GetValue<string>());
        }

        using var page2 = await client.GetAsync("/api/v1/resources?tag=batch:paging&page=2&pageSize=2");
        var body = await page2.ReadJsonAsync();
        body["totalCount"]!.GetValue<int>().ShouldBe(5);
        body["page"]!.GetValue<int>().ShouldBe(2);
        body["pageSize"]!.GetValue<int>().ShouldBe(2);
        body["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()).ShouldBe([ids[2], ids[1]]);

        using var deleted = await client.DeleteAsync($"/api/v1/resources/{ids[0]}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var deleting = await client.GetAsync("/api/v1/resources?tag=batch:paging&status=deleting");
        (await deleting.ReadJsonAsync())["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()).ShouldBe([ids[0]]);
    }

    [Fact]
    public async Task Roles_are_enforced_before_validation()
    {
        var (viewer, _) = await factory.CreateUserClientAsync("viewer");
        using var _v = viewer;

        // Invalid and forbidden at once: the permission check runs first, so the answer is 403, not 400.
        using var create = await viewer.CreateResourceAsync(new { name = "x", type = "nope", region = "mars" });
        await create.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        using var list = await viewer.GetAsync("/api/v1/resources");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var users = await viewer.PostAsJsonAsync("/api/v1/users", new { username = "someone", password = "a long enough passphrase", role = "admin" });
        await users.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
