using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Plans;

/// <summary>Sends plans and reads what a plan shows.</summary>
public static class PlanClient
{
    public static Task<HttpResponseMessage> PlanAsync(this HttpClient client, object body) =>
        client.SendJsonAsync(HttpMethod.Post, "/api/v1/resources/plan", JsonSerializer.Serialize(body));

    /// <summary>A plan that must be answered 200, as JSON.</summary>
    public static async Task<JsonNode> PlanOkAsync(this HttpClient client, object body)
    {
        using var response = await client.PlanAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        ApiClient.ShouldLeakNothing(text);
        return JsonNode.Parse(text)!;
    }

    public static (string Outcome, string Message) Check(JsonNode plan, string check)
    {
        var found = plan["cloudChecks"]!.AsArray().SingleOrDefault(c => c!["check"]!.GetValue<string>() == check)
            ?? throw new ShouldAssertException($"No cloud check '{check}' in {plan["cloudChecks"]!.ToJsonString()}");
        return (found["outcome"]!.GetValue<string>(), found["message"]!.GetValue<string>());
    }
}
