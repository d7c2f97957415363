using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Provisioning;

namespace Orchestrator.IntegrationTests.Resources;

/// <summary>
/// An admin's list without a region or tag filter is counted from the counts the database keeps per type and status, less
/// the resources a Deny hides (ResourceListQuery.CountAsync): the count must still be what the list shows, and what a count
/// of the matching rows (the same list filtered by its one region) gives. An admin's count filtered by one tag comes from
/// the counts kept per tag, type and status, under the same two checks. A count filtered by more tags asks the tag index
/// for ids where the page asks each resource: both must answer the same resources. A list filtered by nothing runs
/// compiled statements, any other is composed from the same definitions: both must answer the same resources too.
/// </summary>
public sealed class ListCountTests : IAsyncLifetime
{
    private readonly OrchestratorApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_admins_total_count_leaves_out_deleted_resources_and_those_a_deny_hides_once_each()
    {
        var (owner, _) = await _factory.CreateUserClientAsync("operator");
        using var _o = owner;
        using var admin = await _factory.CreateAdminClientAsync();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await owner.CreatePendingAsync(new { name = $"counted0{i}", type = "s3", region = "us-east-1" }));
        }

        ids.Add(await admin.CreatePendingAsync(new { name = "counted04", type = "s3", region = "us-east-1" }));
        ids.Add(await admin.CreatePendingAsync(new { name = "counted05", type = "s3", region = "us-east-1" }));
        var (denied, deleted, deniedAndDeleted) = (ids[1], ids[4], ids[2]);
        await DenyAdminsAsync(owner, denied);
        await DenyAdminsAsync(owner, deniedAndDeleted);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var gone = new[] { Guid.Parse(deleted), Guid.Parse(deniedAndDeleted) };
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Resources.Where(r => gone.Contains(r.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, ResourceStatus.Deleted));
        }

        var unfiltered = await ListAsync(admin, "/api/v1/resources?pageSize=100");
        var filtered = await ListAsync(admin, "/api/v1/resources?pageSize=100&region=us-east-1");
        unfiltered.Items.ShouldBe([ids[5], ids[3], ids[0]], ignoreOrder: true);
        unfiltered.TotalCount.ShouldBe(3);
        filtered.TotalCount.ShouldBe(unfiltered.TotalCount);

        // A page number after the first still answers the whole count.
        (await ListAsync(admin, "/api/v1/resources?pageSize=2&page=2")).TotalCount.ShouldBe(3);

        // By type and status the count comes from the kept counts too: each must be what the list shows.
        ids.Add(await owner.CreatePendingAsync(new { name = "counted06", type = "ec2", region = "us-east-1" }));
        foreach (var filter in new[] { "type=s3", "type=ec2", "type=rds", "status=pending", "status=deleted", "type=s3&status=pending", "type=s3&status=deleted", "type=ec2&status=active" })
        {
            var listed = await ListAsync(admin, $"/api/v1/resources?pageSize=100&{filter}");
            listed.TotalCount.ShouldBe(listed.Items.Count, filter);
            (await ListAsync(admin, $"/api/v1/resources?pageSize=100&region=us-east-1&{filter}")).TotalCount.ShouldBe(listed.TotalCount, filter);
        }

        (await ListAsync(admin, "/api/v1/resources?pageSize=100&type=s3")).TotalCount.ShouldBe(3);
        (await ListAsync(admin, "/api/v1/resources?pageSize=100&type=ec2&status=pending")).Items.ShouldBe([ids[6]]);
        (await ListAsync(admin, "/api/v1/resources?pageSize=100&status=deleted")).Items.ShouldBe([deleted]);
    }

    [Fact]
    public async Task A_count_filtered_by_tags_is_what_the_list_shows_to_an_admin_and_to_an_operator()
    {
        var (owner, _) = await _factory.CreateUserClientAsync("operator");
        var (other, _) = await _factory.CreateUserClientAsync("operator");
        using var _o = owner;
        using var _p = other;
        using var admin = await _factory.CreateAdminClientAsync();
        var both = new Dictionary<string, string> { ["team"] = "blue", ["env"] = "prod" };
        var blueOnly = new Dictionary<string, string> { ["team"] = "blue", ["env"] = "dev" };
        var red = new Dictionary<string, string> { ["team"] = "red", ["env"] = "prod" };
        var ownersBoth = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ownersBoth.Add(await owner.CreatePendingAsync(new { name = $"tagged0{i}", type = "s3", region = "us-east-1", tags = both }));
        }

        var ownersBlue = await owner.CreatePendingAsync(new { name = "tagged03", type = "s3", region = "us-east-1", tags = blueOnly });
        await owner.CreatePendingAsync(new { name = "tagged04", type = "s3", region = "us-east-1", tags = red });
        var othersBoth = await other.CreatePendingAsync(new { name = "tagged05", type = "s3", region = "us-east-1", tags = both });
        var (denied, deleted) = (ownersBoth[1], ownersBoth[2]);
        await DenyAdminsAsync(owner, denied);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Resources.Where(r => r.Id == Guid.Parse(deleted))
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, ResourceStatus.Deleted));
        }

        const string bothTags = "/api/v1/resources?pageSize=100&tag=team:blue&tag=env:prod";
        var adminsBoth = await ListAsync(admin, bothTags);
        adminsBoth.Items.ShouldBe([ownersBoth[0], othersBoth], ignoreOrder: true);
        adminsBoth.TotalCount.ShouldBe(2);
        var adminsBlue = await ListAsync(admin, "/api/v1/resources?pageSize=100&tag=team:blue");
        adminsBlue.Items.ShouldBe([ownersBoth[0], ownersBlue, othersBoth], ignoreOrder: true);
        adminsBlue.TotalCount.ShouldBe(3);

        // One tag (asked twice is still one), alone or with a type and a status: the kept counts less the hidden.
        await owner.CreatePendingAsync(new { name = "tagged06", type = "ec2", region = "us-east-1", tags = red });
        foreach (var filter in new[]
        {
            "tag=team:blue", "tag=env:prod", "tag=team:red", "tag=team:green", "tag=team:blue&tag=team:blue", "tag=team:blue&status=deleted",
            "tag=env:prod&type=s3", "tag=env:prod&type=ec2&status=pending", "tag=team:red&status=active",
        })
        {
            var listed = await ListAsync(admin, $"/api/v1/resources?pageSize=100&{filter}");
            listed.TotalCount.ShouldBe(listed.Items.Count, filter);
            (await ListAsync(admin, $"/api/v1/resources?pageSize=100&region=us-east-1&{filter}")).TotalCount.ShouldBe(listed.TotalCount, filter);
        }

        (await ListAsync(admin, "/api/v1/resources?pageSize=100&tag=env:prod")).TotalCount.ShouldBe(4);
        (await ListAsync(admin, "/api/v1/resources?pageSize=100&tag=team:blue&status=deleted")).Items.ShouldBe([deleted]);
        var ownersView = await ListAsync(owner, bothTags);
        ownersView.Items.ShouldBe([ownersBoth[0], denied], ignoreOrder: true);
        ownersView.TotalCount.ShouldBe(2);
        (await ListAsync(owner, "/api/v1/resources?pageSize=1&page=2&tag=team:blue&tag=env:prod")).TotalCount.ShouldBe(2);

        // The pages of 100 above reach past the tags' last resources and ask the tag index; pages of one reach fewer rows
        // than team:blue is on (five, with the deleted and the hidden) and ask each resource. Both must give one list.
        var byNumber = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            byNumber.AddRange((await ListAsync(admin, $"/api/v1/resources?pageSize=1&page={page}&tag=team:blue")).Items);
        }

        byNumber.ShouldBe(adminsBlue.Items);
        (await admin.ListIdsByCursorAsync("/api/v1/resources?pageSize=1&tag=team:blue")).ShouldBe(adminsBlue.Items);
    }

    [Fact]
    public async Task An_operators_unfiltered_list_shows_what_the_same_list_by_its_one_region_shows_under_every_kind_of_grant()
    {
        // A list filtered by nothing runs compiled statements; the same list by the one region every resource is in is
        // composed from the same definitions. Both must show the reader the same resources, counted the same.
        var (reader, readerId) = await _factory.CreateUserClientAsync("operator");
        var (owner, _) = await _factory.CreateUserClientAsync("operator");
        using var _r = reader;
        using var _o = owner;
        var asReader = $"user:{readerId:D}";
        var own = await reader.CreatePendingAsync(new { name = "reach00", type = "s3", region = "us-east-1" });
        var ownDenied = await reader.CreatePendingAsync(new { name = "reach01", type = "s3", region = "us-east-1" });
        // Denied twice (to the user and to the role): hidden once, counted once.
        await PutReadPolicyAsync(reader, ownDenied, ("Deny", asReader), ("Deny", "role:operator"));
        var (toUser, toRole, toEveryone, toNobody, allowedThenDenied, deniedToRole) = (
            await owner.CreatePendingAsync(new { name = "reach02", type = "s3", region = "us-east-1" }),
            await owner.CreatePendingAsync(new { name = "reach03", type = "ec2", region = "us-east-1" }),
            await owner.CreatePendingAsync(new { name = "reach04", type = "s3", region = "us-east-1" }),
            await owner.CreatePendingAsync(new { name = "reach05", type = "s3", region = "us-east-1" }),
            await owner.CreatePendingAsync(new { name = "reach06", type = "s3", region = "us-east-1" }),
            await owner.CreatePendingAsync(new { name = "reach07", type = "s3", region = "us-east-1" }));
        await PutReadPolicyAsync(owner, toUser, ("Allow", asReader));
        await PutReadPolicyAsync(owner, toRole, ("Allow", "role:operator"));
        await PutReadPolicyAsync(owner, toEveryone, ("Allow", "*"));
        await PutReadPolicyAsync(owner, allowedThenDenied, ("Allow", asReader), ("Deny", "*"));
        await PutReadPolicyAsync(owner, deniedToRole, ("Allow", asReader), ("Deny", "role:operator"));

        var compiled = await ListAsync(reader, "/api/v1/resources?pageSize=100");
        var composed = await ListAsync(reader, "/api/v1/resources?pageSize=100&region=us-east-1");

        string[] readable = [own, toUser, toRole, toEveryone];
        compiled.Items.ShouldBe(readable, ignoreOrder: true);
        compiled.TotalCount.ShouldBe(readable.Length);
        composed.Items.ShouldBe(compiled.Items);
        composed.TotalCount.ShouldBe(compiled.TotalCount);
        compiled.Items.ShouldNotContain(toNobody);

        // Page by page, by number and by cursor, both kinds answer the same list in the same order.
        var byNumber = new List<string>();
        for (var page = 1; page <= readable.Length; page++)
        {
            var listed = await ListAsync(reader, $"/api/v1/resources?pageSize=1&page={page}");
            listed.TotalCount.ShouldBe(readable.Length);
            byNumber.AddRange(listed.Items);
        }

        byNumber.ShouldBe(compiled.Items);
        (await reader.ListIdsByCursorAsync("/api/v1/resources?pageSize=1")).ShouldBe(compiled.Items);
        (await reader.ListIdsByCursorAsync("/api/v1/resources?pageSize=1&region=us-east-1")).ShouldBe(compiled.Items);
    }

    [Theory]
    [InlineData("user")]
    [InlineData("role")]
    [InlineData("everyone")]
    public async Task An_operators_list_asks_for_denies_on_every_request_and_one_deny_of_any_principal_kind_hides_its_resource(string kind)
    {
        // Without a Deny the list's statements leave the Deny question out (ReadableResources.ForCallerAsync); the first
        // Deny, to the user, their role or everyone, must switch every statement of the next request back to asking it.
        var (reader, readerId) = await _factory.CreateUserClientAsync("operator");
        var (owner, _) = await _factory.CreateUserClientAsync("operator");
        using var _r = reader;
        using var _o = owner;
        var principal = kind switch { "user" => $"user:{readerId:D}", "role" => "role:operator", _ => "*" };
        var kept = await reader.CreatePendingAsync(new { name = "asked00", type = "s3", region = "us-east-1" });
        var ownToDeny = await reader.CreatePendingAsync(new { name = "asked01", type = "ec2", region = "us-east-1" });
        var grantedToDeny = await owner.CreatePendingAsync(new { name = "asked02", type = "s3", region = "us-east-1" });
        await PutReadPolicyAsync(owner, grantedToDeny, ("Allow", $"user:{readerId:D}"));

        var before = await ListAsync(reader, "/api/v1/resources?pageSize=100");
        before.Items.ShouldBe([kept, ownToDeny, grantedToDeny], ignoreOrder: true);
        before.TotalCount.ShouldBe(3);

        await PutReadPolicyAsync(reader, ownToDeny, ("Deny", principal));
        await PutReadPolicyAsync(owner, grantedToDeny, ("Allow", $"user:{readerId:D}"), ("Deny", principal));

        foreach (var path in new[] { "/api/v1/resources?pageSize=100", "/api/v1/resources?pageSize=1", "/api/v1/resources?pageSize=100&region=us-east-1" })
        {
            var after = await ListAsync(reader, path);
            after.Items.ShouldBe([kept], path);
            after.TotalCount.ShouldBe(1, path);
        }

        (await ListAsync(reader, "/api/v1/resources?pageSize=100&type=ec2")).TotalCount.ShouldBe(0);
        (await reader.ListIdsByCursorAsync("/api/v1/resources?pageSize=1")).ShouldBe([kept]);
    }

    private static async Task PutReadPolicyAsync(HttpClient owner, string id, params (string Effect, string Principal)[] statements)
    {
        var policy = new { statements = statements.Select(s => new { effect = s.Effect, principals = new[] { s.Principal }, actions = new[] { "read" } }) };
        using var response = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{id}/policy", JsonSerializer.Serialize(policy));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static Task DenyAdminsAsync(HttpClient owner, string id) => PutReadPolicyAsync(owner, id, ("Deny", "role:admin"));

    private static async Task<(List<string> Items, int TotalCount)> ListAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        return ([.. body["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>())], body["totalCount"]!.GetValue<int>());
    }
}
