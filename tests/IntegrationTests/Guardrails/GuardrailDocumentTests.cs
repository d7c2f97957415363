using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using static Orchestrator.IntegrationTests.Guardrails.GuardrailDocuments;

namespace Orchestrator.IntegrationTests.Guardrails;

/// <summary>GET and PUT /api/v1/guardrails: If-Match, versions kept, audited, validated, one winner of a race.</summary>
public sealed class GuardrailDocumentTests
{
    [Fact]
    public async Task The_shipped_document_has_no_rules_and_changes_nothing()
    {
        using var factory = new OrchestratorApiFactory();
        var (viewer, _) = await factory.CreateUserClientAsync("viewer");
        using var _v = viewer;
        using var read = await viewer.GetAsync("/api/v1/guardrails");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag!.ToString().ShouldBe("\"v0\"");
        var document = await read.ReadJsonAsync();
        document["version"]!.GetValue<long>().ShouldBe(0);
        document["rules"]!.AsArray().ShouldBeEmpty();

        var (operatorClient, _) = await factory.CreateUserClientAsync("operator");
        using var _o = operatorClient;
        foreach (var (name, type, region) in new[] { ("plain01", "ec2", "us-east-1"), ("plain02", "rds", "sa-east-1"), ("plain03", "s3", "ap-south-1") })
        {
            using var created = await operatorClient.CreateResourceAsync(new { name, type, region });
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_change_needs_If_Match_428_and_a_current_one_412()
    {
        using var factory = new OrchestratorApiFactory();
        using var admin = await factory.CreateAdminClientAsync();

        using var missing = await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/guardrails", $$"""{"rules":[{{RequiredTags}}]}""");
        var required = await missing.ShouldBeProblemAsync((HttpStatusCode)428);
        required["type"]!.GetValue<string>().ShouldEndWith("precondition-required");
        required["detail"]!.GetValue<string>().ShouldContain("If-Match");

        await PutRulesAsync(admin, RequiredTags);
        using var stale = await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/guardrails", """{"rules":[]}""", ("If-Match", "\"v0\""));
        (await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed))["type"]!.GetValue<string>().ShouldEndWith("precondition-failed");

        using var read = await admin.GetAsync("/api/v1/guardrails");
        (await read.ReadJsonAsync())["rules"]!.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe("required-tags");
    }

    [Fact]
    public async Task Only_admins_change_the_document()
    {
        using var factory = new OrchestratorApiFactory();
        var (operatorClient, _) = await factory.CreateUserClientAsync("operator");
        using var _o = operatorClient;
        using var refused = await operatorClient.SendJsonAsync(HttpMethod.Put, "/api/v1/guardrails", """{"rules":[]}""", ("If-Match", "\"v0\""));
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_schema_that_is_not_2020_12_is_a_400_naming_the_rule()
    {
        using var factory = new OrchestratorApiFactory();
        using var admin = await factory.CreateAdminClientAsync();
        string[] invalid =
        [
            """{"type":"strng"}""",
            """{"minLength":-1}""",
            """{"required":"env"}""",
            """{"$schema":"http://json-schema.org/draft-07/schema#","type":"object"}""",
            """{"$ref":"https://example.com/elsewhere.json"}""",
            "42",

            // Valid JSON that no .NET string can hold: an escaped lone surrogate, as a value and in a reference.
            """{"const":"\ud800"}""",
            """{"$ref":"#/\ud800"}""",
        ];
        foreach (var schema in invalid)
        {
            var rules = $$"""{"rules":[{{RequiredTags}},{"id":"bad-rule","description":"Broken.","effect":"deny","schema":{{schema}}}]}""";
            using var response = await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/guardrails", rules, ("If-Match", "\"v0\""));
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            var errors = problem["errors"]!.AsObject();
            errors.Select(e => e.Key).ShouldBe(["rules[bad-rule].schema"], customMessage: schema);
            errors["rules[bad-rule].schema"]![0]!.GetValue<string>().ShouldContain("'bad-rule'");
        }

        // As a name it is refused while the body is read, keyed by its place in the body.
        var badName = """{"rules":[""" + RequiredTags + """,{"id":"bad-rule","description":"Broken.","effect":"deny","schema":{"properties":{"\udc00":true}}}]}""";
        using (var named = await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/guardrails", badName, ("If-Match", "\"v0\"")))
        {
            (await named.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["rules[1].schema"]);
        }

        // Bytes that are not UTF-8 in a schema's string: the parser leaves a string's bytes unchecked until it is read.
        var notUtf8 = Encoding.UTF8.GetBytes("""{"rules":[{"id":"bad-rule","description":"Broken.","effect":"deny","schema":{"const":"ab"}}]}""");
        var at = notUtf8.AsSpan().IndexOf("\"ab\""u8) + 1;
        (notUtf8[at], notUtf8[at + 1]) = ((byte)0xC3, (byte)0x28);
        using (var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/guardrails") { Content = new ByteArrayContent(notUtf8) })
        {
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.TryAddWithoutValidation("If-Match", "\"v0\"");
            using var bytes = await admin.SendAsync(request);
            (await bytes.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["rules[bad-rule].schema"]);
        }

        using var read = await admin.GetAsync("/api/v1/guardrails");
        (await read.ReadJsonAsync())["version"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task The_document_is_bounded_and_each_error_is_keyed_by_its_rule()
    {
        using var factory = new OrchestratorApiFactory();
        using var admin = await factory.CreateAdminClientAsync();

        var tooMany = string.Join(",", Enumerable.Range(0, 51).Select(i => $$"""{"id":"r{{i}}","description":"d","effect":"deny","schema":true}"""));
        using var many = await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/guardrails", $$"""{"rules":[{{tooMany}}]}""", ("If-Match", "\"v0\""));
        (await many.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["rules"].ShouldNotBeNull();

        var deep = string.Concat(Enumerable.Repeat("""{"not":""", 40)) + "true" + new string('}', 40);
        var body = $$"""
            {"rules":[
              {"id":"Bad Id","description":"d","effect":"deny","schema":true},
              {"id":"same","description":"d","effect":"deny","schema":true},
              {"id":"same","description":"d","effect":"deny","schema":true},
              {"id":"no-effect","description":"d","effect":"warn","schema":true},
              {"id":"scoped","description":"d","effect":"deny","appliesTo":{"roles":["root"],"types":["lambda"]},"schema":true},
              {"id":"deep","description":"d","effect":"deny","schema":{{deep}}},
              {"id":"no-description","effect":"deny","schema":true}
            ]}
            """;
        using var response = await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/guardrails", body, ("If-Match", "\"v0\""));
        var errors = (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject();
        errors.Select(e => e.Key).OrderBy(k => k, StringComparer.Ordinal).ShouldBe(
        [
            "rules[0].id", "rules[deep].schema", "rules[no-description].description", "rules[no-effect].effect",
            "rules[same].id", "rules[scoped].appliesTo.roles", "rules[scoped].appliesTo.types",
        ]);
    }

    [Fact]
    public async Task Every_version_is_kept_and_audited_and_a_version_in_the_body_is_ignored()
    {
        using var factory = new OrchestratorApiFactory();
        using var admin = await factory.CreateAdminClientAsync();

        var first = await PutRulesAsync(admin, RequiredTags);
        first["version"]!.GetValue<long>().ShouldBe(1);
        using var second = await admin.SendJsonAsync(
            HttpMethod.Put, "/api/v1/guardrails", $$"""{"version":99,"rules":[{{RequiredTags}},{{RdsInEuOnly}}]}""", ("If-Match", "\"v1\""));
        second.StatusCode.ShouldBe(HttpStatusCode.OK, await second.Content.ReadAsStringAsync());
        second.Headers.ETag!.ToString().ShouldBe("\"v2\"");
        var document = await second.ReadJsonAsync();
        document["version"]!.GetValue<long>().ShouldBe(2);
        document["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ShouldBe(["required-tags", "rds-in-eu-only"]);
        document["rules"]![1]!["schema"]!["properties"]!["region"]!["pattern"]!.GetValue<string>().ShouldBe("^eu-");

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var versions = await db.GuardrailDocumentVersions.AsNoTracking().OrderBy(v => v.Version).ToListAsync();
            versions.Select(v => v.Version).ShouldBe([1L, 2L]);
            versions[0].RulesJson.ShouldContain("required-tags");
            versions[0].RulesJson.ShouldNotContain("rds-in-eu-only");
        }

        using var audit = await admin.GetAsync("/api/v1/audit?action=guardrails.changed");
        var events = (await audit.ReadJsonAsync())["items"]!.AsArray();
        events.Select(e => e!["details"]!.GetValue<string>()).ShouldBe(
            ["version=2 count=2 rules=required-tags,rds-in-eu-only", "version=1 count=1 rules=required-tags"]);
        events.ShouldAllBe(e => e!["outcome"]!.GetValue<string>() == "success" && e["userId"] != null);
    }

    [Fact]
    public async Task Of_parallel_changes_from_one_version_exactly_one_wins()
    {
        using var factory = new OrchestratorApiFactory();
        using var admin = await factory.CreateAdminClientAsync();
        await PutRulesAsync(admin, RequiredTags);

        var answers = await AtOnce.RunAsync(12, async i =>
        {
            using var response = await admin.SendJsonAsync(
                HttpMethod.Put, "/api/v1/guardrails", $$"""{"rules":[{"id":"racer-{{i}}","description":"d","effect":"deny","schema":true}]}""", ("If-Match", "\"v1\""));
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, Body: body);
        });

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1, string.Join("\n", answers.Select(a => $"{a.StatusCode} {a.Body}")));
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).ShouldAllBe(a => a.StatusCode == HttpStatusCode.PreconditionFailed);
        var winner = JsonNode.Parse(answers.Single(a => a.StatusCode == HttpStatusCode.OK).Body)!;
        winner["version"]!.GetValue<long>().ShouldBe(2);

        using var read = await admin.GetAsync("/api/v1/guardrails");
        var current = await read.ReadJsonAsync();
        current["version"]!.GetValue<long>().ShouldBe(2);
        current["rules"]![0]!["id"]!.GetValue<string>().ShouldBe(winner["rules"]![0]!["id"]!.GetValue<string>());
        using var audit = await admin.GetAsync("/api/v1/audit?action=guardrails.changed");
        (await audit.ReadJsonAsync())["totalCount"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task A_refused_create_consumes_no_quota()
    {
        using var factory = new OrchestratorApiFactory().With("Quotas:Ec2PerHour", "1");
        using var admin = await factory.CreateAdminClientAsync();
        await PutRulesAsync(admin, CostCeiling(100));

        for (var i = 0; i < 3; i++)
        {
            using var refused = await admin.CreateResourceAsync(new { name = $"pricey0{i}", type = "ec2", region = "us-east-1", spec = new { instanceType = "m5.xlarge" } });
            (await ShouldBeViolationAsync(refused)).ShouldBe(["cost-ceiling"]);
        }

        using var allowed = await admin.CreateResourceAsync(new { name = "cheap01", type = "ec2", region = "us-east-1" });
        allowed.StatusCode.ShouldBe(HttpStatusCode.Accepted, await allowed.Content.ReadAsStringAsync());
        using var overQuota = await admin.CreateResourceAsync(new { name = "cheap02", type = "ec2", region = "us-east-1" });
        (await overQuota.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["type"]!.GetValue<string>().ShouldEndWith("quota-exceeded");
    }

    [Fact]
    public async Task A_change_made_through_another_instance_applies_at_once()
    {
        using var first = new OrchestratorApiFactory();
        using var firstAdmin = await first.CreateAdminClientAsync();
        await PutRulesAsync(firstAdmin, RequiredTags);
        using var tagged = await firstAdmin.CreateResourceAsync(new { name = "inst01", type = "rds", region = "us-east-1", tags = new { env = "dev", owner = "a" } });
        tagged.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        using var second = OrchestratorApiFactory.OnDataDirectory(first.DataDirectory);
        second.DeletesDataDirectoryOnDispose(false);
        using var secondAdmin = await second.CreateAdminClientAsync();
        await PutRulesAsync(secondAdmin, RequiredTags, RdsInEuOnly);

        using var refused = await firstAdmin.CreateResourceAsync(new { name = "inst02", type = "rds", region = "us-east-1", tags = new { env = "dev", owner = "a" } });
        (await ShouldBeViolationAsync(refused)).ShouldBe(["rds-in-eu-only"]);
    }
}
