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
/// An admin's unfiltered list is counted as the table less the deleted resources and those a Deny hides
/// (ResourceListQuery.CountAsync): the count must still be what the list shows, and what a filtered count gives.
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
    }

    private static async Task DenyAdminsAsync(HttpClient owner, string id)
    {
        var policy = new { statements = new[] { new { effect = "Deny", principals = new[] { "role:admin" }, actions = new[] { "read" } } } };
        using var response = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{id}/policy", JsonSerializer.Serialize(policy));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(List<string> Items, int TotalCount)> ListAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        return ([.. body["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>())], body["totalCount"]!.GetValue<int>());
    }
}
