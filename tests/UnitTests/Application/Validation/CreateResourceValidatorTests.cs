using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.CreateResource;
using static Orchestrator.UnitTests.Application.Validation.CreateResourceBodies;

namespace Orchestrator.UnitTests.Application.Validation;

public class CreateResourceValidatorTests
{
    private static readonly Dictionary<string, (CreateResourceCommand Body, string Key)> InvalidBodies = new()
    {
        ["name missing"] = (Ec2 with { Name = null }, "name"),
        ["name empty"] = (Ec2 with { Name = "" }, "name"),
        ["name of 2 characters"] = (Ec2 with { Name = "ab" }, "name"),
        ["name of 64 characters"] = (Ec2 with { Name = new string('a', 64) }, "name"),
        ["name with a hyphen"] = (Ec2 with { Name = "web-01" }, "name"),
        ["name with a space"] = (Ec2 with { Name = "web 01" }, "name"),
        ["name with a non-ASCII letter"] = (Ec2 with { Name = "caf\u00e9" }, "name"),
        ["type missing"] = (Ec2 with { Type = null }, "type"),
        ["type unknown"] = (Ec2 with { Type = "lambda" }, "type"),
        ["type unknown, its spec is not judged"] = (Ec2 with { Type = "vm", Spec = new ResourceSpecDto { Engine = "oracle" } }, "type"),
        ["region missing"] = (Ec2 with { Region = null }, "region"),
        ["region not a region code"] = (Ec2 with { Region = "mars-north-1" }, "region"),
        ["region is an availability zone"] = (Ec2 with { Region = "us-east-1a" }, "region"),
        ["region upper case"] = (Ec2 with { Region = "US-EAST-1" }, "region"),
        ["region real but not allowed by default"] = (Ec2 with { Region = "us-gov-west-1" }, "region"),
        ["Idempotency-Key empty"] = (Ec2 with { IdempotencyKey = "" }, "Idempotency-Key"),
        ["Idempotency-Key of 256 characters"] = (Ec2 with { IdempotencyKey = new string('k', 256) }, "Idempotency-Key"),
        ["Idempotency-Key with a space"] = (Ec2 with { IdempotencyKey = "retry 1" }, "Idempotency-Key"),
        ["Idempotency-Key with a non-ASCII character"] = (Ec2 with { IdempotencyKey = "cl\u00e9" }, "Idempotency-Key"),
        ["Idempotency-Key with a control character"] = (Ec2 with { IdempotencyKey = "key\n" }, "Idempotency-Key"),
    };

    private static readonly Dictionary<string, CreateResourceCommand> ValidBodies = new()
    {
        ["minimal ec2"] = Ec2,
        ["minimal s3"] = S3,
        ["minimal rds"] = Rds,
        ["name of 3 characters"] = Ec2 with { Name = "abc" },
        ["name of 63 characters"] = Ec2 with { Name = new string('a', 63) },
        ["name of mixed case and digits"] = Ec2 with { Name = "Web01Prod" },
        ["Idempotency-Key of 255 visible characters"] = Ec2 with { IdempotencyKey = new string('~', 255) },
        ["Idempotency-Key that is a GUID"] = Ec2 with { IdempotencyKey = "5b7c0c4e-8f5e-4c56-9d3f-6f1b2a0c9e11" },
    };

    private readonly CreateResourceValidator _validator = Validator();

    public static TheoryData<string> InvalidCases => new(InvalidBodies.Keys);

    public static TheoryData<string> ValidCases => new(ValidBodies.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_body_is_reported_under_its_json_field_only(string @case)
    {
        var (body, key) = InvalidBodies[@case];

        ValidationErrorKeys.Of(_validator, body).ShouldBe([key]);
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_body_passes(string @case) =>
        ValidationErrorKeys.Of(_validator, ValidBodies[@case]).ShouldBeEmpty();

    [Fact]
    public void Every_default_region_is_accepted()
    {
        var refused = CloudCatalogOptions.DefaultRegions
            .Where(region => ValidationErrorKeys.Of(_validator, Ec2 with { Region = region }).Length > 0);

        refused.ShouldBeEmpty();
    }

    [Fact]
    public void Regions_are_limited_by_configuration()
    {
        var validator = Validator(catalog => catalog.AllowedRegions = ["eu-west-1"]);

        ValidationErrorKeys.Of(validator, Ec2 with { Region = "eu-west-1" }).ShouldBeEmpty();
        ValidationErrorKeys.Of(validator, Ec2 with { Region = "us-east-1" }).ShouldBe(["region"]);
    }
}
