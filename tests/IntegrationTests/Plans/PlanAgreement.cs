using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Plans;

/// <summary>What a plan's resource must share with the resource a create then made.</summary>
public static class PlanAgreement
{
    // Given by the creation or by the cloud, so a plan cannot know them.
    private static readonly HashSet<string> AssignedLater = new(StringComparer.Ordinal) { "id", "createdAt", "updatedAt", "providerId", "outputs", "status", "posture", "drift" };

    /// <summary>
    /// Every field of the active resource but the assigned ones equals the plan's (and the plan has no field the resource
    /// lacks); the status is the one the create answered; the posture lists the same settings with the same expected values.
    /// </summary>
    public static void ShouldAgree(JsonObject planned, JsonObject accepted, JsonObject active)
    {
        planned.Select(p => p.Key).Order(StringComparer.Ordinal).ShouldBe(active.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (field, value) in active.Where(p => !AssignedLater.Contains(p.Key)))
        {
            JsonNode.DeepEquals(planned[field], value).ShouldBeTrue($"{field}: planned {planned[field]?.ToJsonString()}, created {value?.ToJsonString()}");
        }

        planned["status"]!.GetValue<string>().ShouldBe(accepted["status"]!.GetValue<string>());
        planned["id"].ShouldBeNull();
        planned["outputs"].ShouldBeNull();
        planned["drift"]!["state"]!.GetValue<string>().ShouldBe("unknown");
        Expected(planned).ShouldBe(Expected(active));
        planned["posture"]!.AsArray().ShouldAllBe(p => p!["actual"] == null);
    }

    private static List<string> Expected(JsonObject resource) =>
        [.. resource["posture"]!.AsArray().Select(p => $"{p!["setting"]!.GetValue<string>()}={p["expected"]!.GetValue<string>()}")];
}
