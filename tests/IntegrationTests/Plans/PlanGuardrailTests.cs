using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Plans;

/// <summary>A plan evaluates the guardrail document as a create would, and says what each rule decided, without enforcing it.</summary>
public sealed class PlanGuardrailTests
{
    private const string Rules = """
        [
          {"id":"require-env-tag","description":"Every resource needs an env tag.","effect":"deny",
           "schema":{"properties":{"tags":{"required":["env"]}}}},
          {"id":"t3-only","description":"Only t3 instance types.","effect":"deny","appliesTo":{"types":["ec2"]},
           "schema":{"properties":{"spec":{"properties":{"instanceType":{"pattern":"^t3\\."}}}}}},
          {"id":"eu-only","description":"Resources stay in the EU.","effect":"deny",
           "schema":{"properties":{"region":{"pattern":"^eu-"}}}},
          {"id":"over-20-dollars","description":"Above $20 a month needs an approver.","effect":"requireApproval",
           "schema":{"properties":{"estimatedMonthlyCost":{"maximum":20}}}},
          {"id":"admins-only-rule","description":"Applies to admins only.","effect":"deny","appliesTo":{"roles":["admin"]},
           "schema":{"not":{}}}
        ]
        """;

    [Fact]
    public async Task A_plan_breaking_two_deny_rules_lists_both_and_is_not_allowed_and_changes_nothing()
    {
        using var factory = new OrchestratorApiFactory();
        await StoreRulesAsync(factory);
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;

        var plan = await client.PlanOkAsync(new { name = "big1", type = "ec2", region = "eu-west-2", spec = new { instanceType = "m5.large" } });

        plan["allowed"]!.GetValue<bool>().ShouldBeFalse();
        plan["approvalRequired"]!.GetValue<bool>().ShouldBeTrue();
        Outcomes(plan).ShouldBe(["require-env-tag=deny", "t3-only=deny", "eu-only=pass", "over-20-dollars=approval"]);
        plan["guardrails"]![0]!["message"]!.GetValue<string>().ShouldBe("Every resource needs an env tag.");
        plan["quota"]!["remaining"]!.GetValue<int>().ShouldBe(10);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            (await db.Resources.CountAsync()).ShouldBe(0);
            (await db.ProvisioningJobs.CountAsync()).ShouldBe(0);
        }

        // The create the plan forecast: refused for the same two rules.
        using var refused = await client.CreateResourceAsync(new { name = "big1", type = "ec2", region = "eu-west-2", spec = new { instanceType = "m5.large" } });
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem["violations"]!.AsArray().Select(v => v!["rule"]!.GetValue<string>()).ShouldBe(["require-env-tag", "t3-only"]);
    }

    [Fact]
    public async Task A_rule_on_expiresAt_sees_the_bodys_expiry_in_a_plan_and_in_a_create()
    {
        using var factory = new OrchestratorApiFactory();
        await StoreRulesAsync(factory, """
            [{"id":"expiry-required","description":"Every resource needs an expiry.","effect":"deny",
              "schema":{"properties":{"expiresAt":{"type":"string"}}}}]
            """);
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        var expiresAt = DateTimeOffset.UtcNow.AddDays(2);

        Outcomes(await client.PlanOkAsync(new { name = "tmp1", type = "s3", region = "eu-west-2" })).ShouldBe(["expiry-required=deny"]);
        Outcomes(await client.PlanOkAsync(new { name = "tmp1", type = "s3", region = "eu-west-2", expiresAt })).ShouldBe(["expiry-required=pass"]);
        using (var refused = await client.CreateResourceAsync(new { name = "tmp1", type = "s3", region = "eu-west-2" }))
        {
            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
            problem["violations"]!.AsArray().Select(v => v!["rule"]!.GetValue<string>()).ShouldBe(["expiry-required"]);
        }

        using var created = await client.CreateResourceAsync(new { name = "tmp1", type = "s3", region = "eu-west-2", expiresAt });
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task An_approval_rule_alone_leaves_the_plan_allowed_with_approval_required()
    {
        using var factory = new OrchestratorApiFactory();
        await StoreRulesAsync(factory);
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;

        var plan = await client.PlanOkAsync(new { name = "db1", type = "rds", region = "eu-west-2", tags = new { env = "dev" }, spec = new { instanceClass = "db.m5.large" } });

        Outcomes(plan).ShouldBe(["require-env-tag=pass", "eu-only=pass", "over-20-dollars=approval"]);
        plan["allowed"]!.GetValue<bool>().ShouldBeTrue();
        plan["approvalRequired"]!.GetValue<bool>().ShouldBeTrue();
        var cost = plan["estimatedMonthlyCost"]!;
        cost["currency"]!.GetValue<string>().ShouldBe("USD");
        cost["amount"]!.GetValue<decimal>().ShouldBeGreaterThan(20m);
        cost["items"]!.AsArray().Sum(i => i!["amount"]!.GetValue<decimal>()).ShouldBe(cost["amount"]!.GetValue<decimal>());
        DateOnly.Parse(cost["priceTableDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Year.ShouldBeGreaterThan(2020);
    }

    [Fact]
    public async Task Without_a_guardrail_document_every_plan_has_no_rules_and_a_price()
    {
        using var factory = new OrchestratorApiFactory();
        using var admin = await factory.CreateAdminClientAsync();

        var plan = await admin.PlanOkAsync(new { name = "web1", type = "ec2", region = "eu-west-2" });

        plan["guardrails"]!.AsArray().ShouldBeEmpty();
        plan["allowed"]!.GetValue<bool>().ShouldBeTrue();
        plan["approvalRequired"]!.GetValue<bool>().ShouldBeFalse();
        plan["estimatedMonthlyCost"]!["amount"]!.GetValue<decimal>().ShouldBeGreaterThan(0m);
    }

    private static List<string> Outcomes(System.Text.Json.Nodes.JsonNode plan) =>
        [.. plan["guardrails"]!.AsArray().Select(g => $"{g!["rule"]!.GetValue<string>()}={g["outcome"]!.GetValue<string>()}")];

    // Through the API, as an admin would: GET for the ETag, then PUT with If-Match.
    private static async Task StoreRulesAsync(OrchestratorApiFactory factory, string rules = Rules)
    {
        using var admin = await factory.CreateAdminClientAsync();
        using var current = await admin.GetAsync("/api/v1/guardrails");
        current.StatusCode.ShouldBe(HttpStatusCode.OK, await current.Content.ReadAsStringAsync());
        using var replaced = await admin.SendJsonAsync(
            HttpMethod.Put, "/api/v1/guardrails", $$"""{"rules":{{rules}}}""", ("If-Match", current.Headers.ETag!.ToString()));
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
    }
}
