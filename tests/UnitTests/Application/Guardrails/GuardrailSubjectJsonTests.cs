using System.Text.Json;
using Orchestrator.Application.Guardrails;
using Orchestrator.Application.Pricing;
using Orchestrator.Domain.Resources;

namespace Orchestrator.UnitTests.Application.Guardrails;

/// <summary>The document a rule sees has exactly the contract's fields and types.</summary>
public sealed class GuardrailSubjectJsonTests
{
    [Fact]
    public void The_subject_has_the_contracts_shape()
    {
        var requester = Guid.Parse("5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12");
        var subject = new GuardrailSubject(
            "db1", ResourceType.Rds, "eu-west-1", new Dictionary<string, string>(),
            new ResourceSpec { Engine = "postgres", InstanceClass = "db.t3.micro", AllocatedStorage = 20 },
            null,
            new CostEstimate("USD", 15.44m, [], new DateOnly(2026, 12, 4)),
            new GuardrailRequester(requester, "operator"));

        var json = GuardrailSubjectJson.Write(subject);

        json.EnumerateObject().Select(p => p.Name).ShouldBe(["name", "type", "region", "tags", "spec", "expiresAt", "estimatedMonthlyCost", "requester"]);
        json.GetProperty("type").GetString().ShouldBe("rds");
        json.GetProperty("tags").ValueKind.ShouldBe(JsonValueKind.Object);
        json.GetProperty("expiresAt").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("estimatedMonthlyCost").GetDecimal().ShouldBe(15.44m);
        json.GetProperty("spec").EnumerateObject().Select(p => p.Name).ShouldBe(["engine", "instanceClass", "allocatedStorage"]);
        json.GetProperty("spec").GetProperty("allocatedStorage").GetInt32().ShouldBe(20);
        json.GetProperty("requester").GetProperty("id").GetString().ShouldBe(requester.ToString());
        json.GetProperty("requester").GetProperty("role").GetString().ShouldBe("operator");
    }

    [Fact]
    public void An_expiry_is_an_ISO_8601_string_in_UTC()
    {
        var subject = new GuardrailSubject(
            "bucket1", ResourceType.S3, "us-east-1", new Dictionary<string, string> { ["env"] = "dev" }, new ResourceSpec { Versioning = false },
            new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
            new CostEstimate("USD", 0m, [], new DateOnly(2026, 12, 4)),
            new GuardrailRequester(Guid.NewGuid(), "admin"));

        var json = GuardrailSubjectJson.Write(subject);

        json.GetProperty("expiresAt").GetString().ShouldBe("2027-01-02T01:04:05+00:00");
        json.GetProperty("spec").GetProperty("versioning").GetBoolean().ShouldBeFalse();
        json.GetProperty("tags").GetProperty("env").GetString().ShouldBe("dev");
    }
}
