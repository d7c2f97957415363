using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>Waits, through the API, for the worker to move a resource to a status.</summary>
public static class ResourceStatusWaits
{
    // Generous: the machine running the suite may be busy. The wait ends as soon as the status is seen.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task<JsonNode> WaitForStatusAsync(this HttpClient client, string id, string status)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync($"/api/v1/resources/{id}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            last = await response.ReadJsonAsync();
            var seen = last["status"]!.GetValue<string>();
            if (seen == status)
            {
                return last;
            }

            if (seen is "failed" or "deleted")
            {
                // Final states: waiting longer cannot help.
                break;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"Resource {id} never became '{status}'; last seen: {last?.ToJsonString()}");
    }

    /// <summary>Creates a resource and returns its id, asserting the 202 and the "pending" answer.</summary>
    public static async Task<string> CreatePendingAsync(this HttpClient client, object body)
    {
        using var created = await client.CreateResourceAsync(body);
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
        var resource = await created.ReadJsonAsync();
        resource["status"]!.GetValue<string>().ShouldBe("pending");
        return resource["id"]!.GetValue<string>();
    }

    /// <summary>Deletes a resource and asserts the 202 and the "deleting" answer.</summary>
    public static async Task RequestDeletionAsync(this HttpClient client, string id)
    {
        using var deleted = await client.DeleteAsync($"/api/v1/resources/{id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await deleted.Content.ReadAsStringAsync());
        (await deleted.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("deleting");
    }
}
