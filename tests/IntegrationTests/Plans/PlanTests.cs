using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Provisioning;
using Orchestrator.IntegrationTests.Resources;

namespace Orchestrator.IntegrationTests.Plans;

/// <summary><c>POST /api/v1/resources/plan</c> on the embedded Sandbox: what a create would do, with nothing done.</summary>
public sealed class PlanTests
{
    [Fact]
    public async Task A_plan_stores_reserves_and_audits_nothing_and_a_create_after_it_has_the_whole_quota()
    {
        using var factory = new OrchestratorApiFactory().With("Quotas:Ec2PerHour", "2");
        using var admin = await factory.CreateAdminClientAsync();
        var (client, userId) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        var auditBefore = await AuditCountAsync(admin);

        for (var i = 0; i < 5; i++)
        {
            var plan = await client.PlanOkAsync(new { name = "web1", type = "ec2", region = "eu-west-2", tags = new { env = "dev" } });
            plan["allowed"]!.GetValue<bool>().ShouldBeTrue();
            plan["quota"]!["used"]!.GetValue<int>().ShouldBe(0);
            plan["quota"]!["remaining"]!.GetValue<int>().ShouldBe(2);
        }

        // No resource, job, idempotency record or audit event; the quota untouched.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            (await db.Resources.CountAsync()).ShouldBe(0);
            (await db.ProvisioningJobs.CountAsync()).ShouldBe(0);
            (await db.IdempotencyRecords.CountAsync()).ShouldBe(0);
        }

        (await AuditCountAsync(admin)).ShouldBe(auditBefore);
        MyQuotasTests.Quota(await MyQuotasTests.QuotasAsync(client), "ec2").ShouldBe((2, 0, 2, "PT1H"));
        for (var i = 0; i < 2; i++)
        {
            using var created = await client.CreateResourceAsync(new { name = $"web{i}", type = "ec2", region = "eu-west-2" });
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var resources = await client.GetAsync("/api/v1/resources");
        (await resources.ReadJsonAsync())["items"]!.AsArray().Select(r => r!["ownerId"]!.GetValue<Guid>()).ShouldAllBe(id => id == userId);
    }

    [Fact]
    public async Task The_planned_resource_has_every_default_the_owner_pending_no_id_no_outputs_and_the_posture_expected()
    {
        using var factory = new OrchestratorApiFactory();
        var (client, userId) = await factory.CreateUserClientAsync("operator");
        using var _c = client;

        var plan = await client.PlanOkAsync(new { name = "db1", type = "rds", region = "eu-west-2" });

        var resource = plan["resource"]!;
        resource["id"].ShouldBeNull();
        resource["createdAt"].ShouldBeNull();
        resource["outputs"].ShouldBeNull();
        resource["status"]!.GetValue<string>().ShouldBe("pending");
        resource["ownerId"]!.GetValue<Guid>().ShouldBe(userId);
        resource["tags"]!.AsObject().Count.ShouldBe(0);
        resource["spec"]!.ToJsonString().ShouldBe("""{"engine":"postgres","instanceClass":"db.t3.micro","allocatedStorage":20}""");
        var posture = resource["posture"]!.AsArray();
        posture.Select(p => p!["setting"]!.GetValue<string>())
            .ShouldBe(["storageEncrypted", "publiclyAccessible", "deletionProtection", "backupRetentionDays", "copyTagsToSnapshot", "engineVersion"]);
        posture.ShouldAllBe(p => p!["actual"] == null);
        plan["approvalRequired"]!.GetValue<bool>().ShouldBeFalse();
        PlanClient.Check(plan, "network-placement").Outcome.ShouldBe("pass");
        plan["cloudChecks"]!.AsArray().Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("ec2", """{"instanceType":"t3.small"}""")]
    [InlineData("ec2", null)]
    [InlineData("s3", """{"versioning":false}""")]
    [InlineData("s3", null)]
    [InlineData("rds", """{"engine":"mysql","allocatedStorage":50}""")]
    [InlineData("rds", null)]
    public async Task Plan_and_create_agree_on_the_final_resource(string type, string? spec)
    {
        using var factory = new OrchestratorApiFactory().WithProvisioning();
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        var body = new JsonObject
        {
            ["name"] = $"same{type}01",
            ["type"] = type,
            ["region"] = "eu-west-2",
            ["tags"] = new JsonObject { ["env"] = "dev", ["team"] = "a" },
        };
        if (spec is not null)
        {
            body["spec"] = JsonNode.Parse(spec);
        }

        var planned = (await client.PlanOkAsync(body))["resource"]!.AsObject();
        using var created = await client.CreateResourceAsync(body);
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var accepted = await created.ReadJsonAsync();
        var active = (await client.WaitForStatusAsync(accepted["id"]!.GetValue<string>(), "active")).AsObject();

        PlanAgreement.ShouldAgree(planned, accepted.AsObject(), active);
    }

    [Theory]
    [InlineData("rds", false)]
    [InlineData("rds", null)]
    [InlineData("s3", true)]
    [InlineData("ec2", null)]
    public async Task Plan_and_create_agree_on_expiry_and_deletion_protection_down_to_the_expected_posture(string type, bool? deletionProtection)
    {
        using var factory = new OrchestratorApiFactory().WithProvisioning();
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        var expiresAt = DateTimeOffset.UtcNow.AddDays(3);
        var body = new JsonObject
        {
            ["name"] = $"kept{type}01",
            ["type"] = type,
            ["region"] = "eu-west-2",
            ["expiresAt"] = new DateTimeOffset(expiresAt.Year, expiresAt.Month, expiresAt.Day, expiresAt.Hour, 0, 0, TimeSpan.Zero).ToString("O"),
        };
        if (deletionProtection is { } protection)
        {
            body["deletionProtection"] = protection;
        }

        var planned = (await client.PlanOkAsync(body))["resource"]!.AsObject();
        using var created = await client.CreateResourceAsync(body);
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var accepted = await created.ReadJsonAsync();
        var active = (await client.WaitForStatusAsync(accepted["id"]!.GetValue<string>(), "active")).AsObject();

        PlanAgreement.ShouldAgree(planned, accepted.AsObject(), active);
        var protectedNow = deletionProtection ?? type == "rds";
        planned["deletionProtection"]!.GetValue<bool>().ShouldBe(protectedNow);
        planned["expiresAt"]!.GetValue<DateTimeOffset>().ShouldBe(active["expiresAt"]!.GetValue<DateTimeOffset>());
        if (type == "rds")
        {
            var posture = active["posture"]!.AsArray().Single(p => p!["setting"]!.GetValue<string>() == "deletionProtection")!;
            posture["expected"]!.GetValue<string>().ShouldBe(protectedNow ? "true" : "false");
            posture["actual"]!.GetValue<string>().ShouldBe(protectedNow ? "true" : "false");
        }
    }

    [Fact]
    public async Task An_expiry_in_the_past_is_the_creates_400_for_a_plan_too()
    {
        using var factory = new OrchestratorApiFactory();
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        var body = new { name = "late01", type = "s3", region = "eu-west-2", expiresAt = DateTimeOffset.UtcNow.AddHours(-1) };

        using var plan = await client.PlanAsync(body);
        using var create = await client.CreateResourceAsync(body);

        var planProblem = await plan.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var createProblem = await create.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        planProblem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["expiresAt"]);
        planProblem["errors"]!.ToJsonString().ShouldBe(createProblem["errors"]!.ToJsonString());
    }

    [Fact]
    public async Task With_the_quota_used_up_the_plan_is_not_allowed_and_shows_none_remaining()
    {
        using var factory = new OrchestratorApiFactory().With("Quotas:S3Buckets", "1");
        var (client, _) = await factory.CreateUserClientAsync("operator");
        using var _c = client;
        using (var created = await client.CreateResourceAsync(new { name = "bucket1", type = "s3", region = "eu-west-2" }))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var plan = await client.PlanOkAsync(new { name = "bucket2", type = "s3", region = "eu-west-2" });

        plan["allowed"]!.GetValue<bool>().ShouldBeFalse();
        plan["quota"]!.ToJsonString().ShouldBe("""{"type":"s3","limit":1,"used":1,"remaining":0,"window":"live"}""");
        using var refused = await client.CreateResourceAsync(new { name = "bucket2", type = "s3", region = "eu-west-2" });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_invalid_body_is_the_creates_400_not_a_plan()
    {
        using var factory = new OrchestratorApiFactory();
        using var admin = await factory.CreateAdminClientAsync();

        using var response = await admin.PlanAsync(new { name = "x", type = "ec2", region = "eu-west-2", spec = new { instanceType = "t9.huge", engine = "postgres" } });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        errors.Select(e => e.Key).Order(StringComparer.Ordinal).ShouldBe(["name", "spec.engine", "spec.instanceType"]);
        using var unknown = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/resources/plan", """{"name":"web1","type":"ec2","region":"eu-west-2","ownerId":"x"}""");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_viewer_may_not_plan_a_create()
    {
        using var factory = new OrchestratorApiFactory();
        var (viewer, _) = await factory.CreateUserClientAsync("viewer");
        using var _v = viewer;

        using var response = await viewer.PlanAsync(new { name = "web1", type = "ec2", region = "eu-west-2" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    private static async Task<int> AuditCountAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/v1/audit?pageSize=1");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.ReadJsonAsync())["totalCount"]!.GetValue<int>();
    }
}
