using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Drift;

/// <summary>Reads a resource's drift and the audit trail of drift through the API.</summary>
public static class DriftApi
{
    public static async Task<JsonNode> ResourceAsync(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/resources/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    public static async Task<string> DriftStateAsync(this HttpClient client, string id) =>
        (await client.ResourceAsync(id))["drift"]!["state"]!.GetValue<string>();

    /// <summary>The differences as "field:expected:actual" (an absent value as "-"), in the order the API gives them.</summary>
    public static List<string> Differences(JsonNode resource) =>
        [.. resource["drift"]!["differences"]!.AsArray().Select(d =>
            $"{d!["field"]!.GetValue<string>()}:{d["expected"]?.GetValue<string>() ?? "-"}:{d["actual"]?.GetValue<string>() ?? "-"}")];

    public static async Task<List<JsonNode>> AuditAsync(this HttpClient admin, string id, string action)
    {
        using var response = await admin.GetAsync($"/api/v1/audit?resourceId={id}&action={action}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.ReadJsonAsync())["items"]!.AsArray().Select(e => e!)];
    }

    public static async Task<HttpResponseMessage> ReconcileAsync(this HttpClient client, string id) =>
        await client.PostAsync($"/api/v1/resources/{id}/reconcile", content: null);
}
