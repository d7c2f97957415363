using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;
using static Orchestrator.IntegrationTests.Guardrails.GuardrailDocuments;

namespace Orchestrator.IntegrationTests.Guardrails;

/// <summary>
/// Creates are checked against the guardrail document in force, over the real pipeline. Tests of this class run one
/// after another on one host, each putting its own document in force first.
/// </summary>
public sealed class GuardrailEnforcementTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Required_tags_with_allowed_values_are_enforced_with_the_rules_description()
    {
        using var admin = await factory.CreateAdminClientAsync();
        await PutRulesAsync(admin, RequiredTags);

        using var untagged = await admin.CreateResourceAsync(new { name = "tagless01", type = "s3", region = "us-east-1" });
        var problem = await untagged.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem["type"]!.GetValue<string>().ShouldEndWith("guardrail-violation");
        var violation = problem["violations"]!.AsArray().ShouldHaveSingleItem()!;
        violation["rule"]!.GetValue<string>().ShouldBe("required-tags");
        violation["message"]!.GetValue<string>().ShouldBe("Every resource carries an env tag (dev, test or prod) and an owner tag.");

        using var wrongEnv = await admin.CreateResourceAsync(new { name = "tagged01", type = "s3", region = "us-east-1", tags = new { env = "qa", owner = "team-a" } });
        (await ShouldBeViolationAsync(wrongEnv)).ShouldBe(["required-tags"]);

        using var tagged = await admin.CreateResourceAsync(new { name = "tagged02", type = "s3", region = "us-east-1", tags = new { env = "dev", owner = "team-a" } });
        tagged.StatusCode.ShouldBe(HttpStatusCode.Accepted, await tagged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_create_that_breaks_two_rules_gets_both_in_one_422_and_nothing_is_stored()
    {
        using var admin = await factory.CreateAdminClientAsync();
        await PutRulesAsync(admin, RequiredTags, OperatorsSmallSizes, RdsInEuOnly);
        var (operatorClient, _) = await factory.CreateUserClientAsync("operator");
        using var _o = operatorClient;

        using var refused = await operatorClient.CreateResourceAsync(new
        {
            name = "twobroken01",
            type = "rds",
            region = "us-east-1",
            tags = new { env = "dev", owner = "team-a" },
            spec = new { instanceClass = "db.m5.large" },
        });
        (await ShouldBeViolationAsync(refused)).ShouldBe(["operators-small-sizes", "rds-in-eu-only"]);

        using var threeBroken = await operatorClient.CreateResourceAsync(new { name = "threebroken01", type = "rds", region = "us-east-1", spec = new { instanceClass = "db.m5.large" } });
        (await ShouldBeViolationAsync(threeBroken)).ShouldBe(["required-tags", "operators-small-sizes", "rds-in-eu-only"]);

        using var list = await operatorClient.GetAsync("/api/v1/resources?type=rds");
        (await list.ReadJsonAsync())["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task A_rule_for_operators_does_not_touch_admins()
    {
        using var admin = await factory.CreateAdminClientAsync();
        await PutRulesAsync(admin, OperatorsSmallSizes);
        var (operatorClient, _) = await factory.CreateUserClientAsync("operator");
        using var _o = operatorClient;

        using var bigVm = await operatorClient.CreateResourceAsync(new { name = "opbig01", type = "ec2", region = "us-east-1", spec = new { instanceType = "m5.large" } });
        (await ShouldBeViolationAsync(bigVm)).ShouldBe(["operators-small-sizes"]);
        using var bigDb = await operatorClient.CreateResourceAsync(new { name = "opbig02", type = "rds", region = "eu-west-1", spec = new { instanceClass = "db.m5.large" } });
        (await ShouldBeViolationAsync(bigDb)).ShouldBe(["operators-small-sizes"]);

        using var smallVm = await operatorClient.CreateResourceAsync(new { name = "opsmall01", type = "ec2", region = "us-east-1", spec = new { instanceType = "t3.small" } });
        smallVm.StatusCode.ShouldBe(HttpStatusCode.Accepted, await smallVm.Content.ReadAsStringAsync());
        using var defaultDb = await operatorClient.CreateResourceAsync(new { name = "opsmall02", type = "rds", region = "eu-west-1" });
        defaultDb.StatusCode.ShouldBe(HttpStatusCode.Accepted, await defaultDb.Content.ReadAsStringAsync());

        using var adminBigVm = await admin.CreateResourceAsync(new { name = "adminbig01", type = "ec2", region = "us-east-1", spec = new { instanceType = "m5.large" } });
        adminBigVm.StatusCode.ShouldBe(HttpStatusCode.Accepted, await adminBigVm.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_rule_for_rds_does_not_touch_other_types()
    {
        using var admin = await factory.CreateAdminClientAsync();
        await PutRulesAsync(admin, RdsInEuOnly);

        using var usDb = await admin.CreateResourceAsync(new { name = "usdb01", type = "rds", region = "us-east-1" });
        (await ShouldBeViolationAsync(usDb)).ShouldBe(["rds-in-eu-only"]);

        using var euDb = await admin.CreateResourceAsync(new { name = "eudb01", type = "rds", region = "eu-central-1" });
        euDb.StatusCode.ShouldBe(HttpStatusCode.Accepted, await euDb.Content.ReadAsStringAsync());
        using var usVm = await admin.CreateResourceAsync(new { name = "usvm01", type = "ec2", region = "us-east-1" });
        usVm.StatusCode.ShouldBe(HttpStatusCode.Accepted, await usVm.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_estimated_monthly_cost_is_ruled_on()
    {
        using var admin = await factory.CreateAdminClientAsync();

        // m5.xlarge in us-east-1: 0.192 $/h x 730 h + 8 GB gp3 = 140.80; t3.micro: 7.59 + 0.64 = 8.23.
        await PutRulesAsync(admin, CostCeiling(100));
        using var expensive = await admin.CreateResourceAsync(new { name = "costly01", type = "ec2", region = "us-east-1", spec = new { instanceType = "m5.xlarge" } });
        (await ShouldBeViolationAsync(expensive)).ShouldBe(["cost-ceiling"]);
        using var cheap = await admin.CreateResourceAsync(new { name = "cheap01", type = "ec2", region = "us-east-1", spec = new { instanceType = "t3.micro" } });
        cheap.StatusCode.ShouldBe(HttpStatusCode.Accepted, await cheap.Content.ReadAsStringAsync());

        // The ceiling sits between two figures, so the estimate itself decides: 140.80 passes $141 and fails $140.
        await PutRulesAsync(admin, CostCeiling(141));
        using var under = await admin.CreateResourceAsync(new { name = "costly02", type = "ec2", region = "us-east-1", spec = new { instanceType = "m5.xlarge" } });
        under.StatusCode.ShouldBe(HttpStatusCode.Accepted, await under.Content.ReadAsStringAsync());
        await PutRulesAsync(admin, CostCeiling(140));
        using var over = await admin.CreateResourceAsync(new { name = "costly03", type = "ec2", region = "us-east-1", spec = new { instanceType = "m5.xlarge" } });
        (await ShouldBeViolationAsync(over)).ShouldBe(["cost-ceiling"]);
    }

    [Fact]
    public async Task A_broken_approval_rule_stores_the_create_awaiting_approval_and_is_logged()
    {
        using var admin = await factory.CreateAdminClientAsync();
        await PutRulesAsync(admin, CostCeiling(50, "requireApproval"), RdsInEuOnly);

        using var created = await admin.CreateResourceAsync(new { name = "approve01", type = "ec2", region = "us-east-1", spec = new { instanceType = "m5.xlarge" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
        (await created.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("awaiting-approval");
        factory.Logs.Entries.ShouldContain(e => e.Message.Contains("cost-ceiling") && e.Message.Contains("broken"));

        // A deny rule broken beside it still refuses, and lists only the deny rule.
        using var refused = await admin.CreateResourceAsync(new { name = "approve02", type = "rds", region = "us-east-1", spec = new { instanceClass = "db.m5.large" } });
        (await ShouldBeViolationAsync(refused)).ShouldBe(["rds-in-eu-only"]);
    }

    [Fact]
    public async Task A_retry_is_answered_as_it_was_first_even_after_the_rules_changed()
    {
        using var admin = await factory.CreateAdminClientAsync();
        await PutRulesAsync(admin);
        var body = new { name = "retried01", type = "s3", region = "us-east-1" };
        using var first = await admin.CreateResourceAsync(body, idempotencyKey: "guardrail-retry-1");
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await PutRulesAsync(admin, RequiredTags);
        using var retry = await admin.CreateResourceAsync(body, idempotencyKey: "guardrail-retry-1");
        retry.StatusCode.ShouldBe(HttpStatusCode.Accepted, await retry.Content.ReadAsStringAsync());
        (await retry.ReadJsonAsync())["id"]!.GetValue<string>().ShouldBe((await first.ReadJsonAsync())["id"]!.GetValue<string>());
    }
}
