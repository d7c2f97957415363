using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Guardrails;

/// <summary>The README's example rules, and a way to put a document in force as an admin.</summary>
internal static class GuardrailDocuments
{
    public const string RequiredTags = """
        {"id":"required-tags","description":"Every resource carries an env tag (dev, test or prod) and an owner tag.","effect":"deny",
         "schema":{"properties":{"tags":{"required":["env","owner"],"properties":{"env":{"enum":["dev","test","prod"]}}}}}}
        """;

    public const string OperatorsSmallSizes = """
        {"id":"operators-small-sizes","description":"Operators create only t3 instances and db.t3 databases.","effect":"deny",
         "appliesTo":{"roles":["operator"]},
         "schema":{"properties":{"spec":{"properties":{"instanceType":{"pattern":"^t3\\."},"instanceClass":{"pattern":"^db\\.t3\\."}}}}}}
        """;

    public const string RdsInEuOnly = """
        {"id":"rds-in-eu-only","description":"Databases are created in EU regions only.","effect":"deny",
         "appliesTo":{"types":["rds"]},
         "schema":{"properties":{"region":{"pattern":"^eu-"}}}}
        """;

    public static string CostCeiling(decimal dollars, string effect = "deny") =>
        $$"""{"id":"cost-ceiling","description":"No single resource costs more than ${{dollars}} a month.","effect":"{{effect}}","""
        + """ "schema":{"properties":{"estimatedMonthlyCost":{"type":"number","maximum":""" + dollars.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}}}";


    /// <summary>Reads the current ETag and replaces the document with these rules; returns the new document.</summary>
    public static async Task<JsonNode> PutRulesAsync(HttpClient admin, params string[] rules)
    {
        using var read = await admin.GetAsync("/api/v1/guardrails");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = read.Headers.ETag!.ToString();
        using var put = await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/guardrails", $$"""{"rules":[{{string.Join(",", rules)}}]}""", ("If-Match", etag));
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        return await put.ReadJsonAsync();
    }

    /// <summary>Asserts a 422 guardrail-violation and returns its rule ids in order.</summary>
    public static async Task<string[]> ShouldBeViolationAsync(HttpResponseMessage response)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem["type"]!.GetValue<string>().ShouldEndWith("guardrail-violation");
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        var violations = problem["violations"]!.AsArray();
        violations.ShouldAllBe(v => !string.IsNullOrWhiteSpace(v!["message"]!.GetValue<string>()));
        return [.. violations.Select(v => v!["rule"]!.GetValue<string>())];
    }
}
