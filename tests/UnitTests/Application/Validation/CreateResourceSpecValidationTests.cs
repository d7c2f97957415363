using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.CreateResource;
using static Orchestrator.UnitTests.Application.Validation.CreateResourceBodies;

namespace Orchestrator.UnitTests.Application.Validation;

public class CreateResourceSpecValidationTests
{
    private static readonly Dictionary<string, (CreateResourceCommand Body, string Key)> InvalidBodies = new()
    {
        ["ec2 instance type not allowed"] = (Ec2 with { Spec = new() { InstanceType = "p5.48xlarge" } }, "spec.instanceType"),
        ["ec2 image id too short"] = (Ec2 with { Spec = new() { ImageId = "ami-123" } }, "spec.imageId"),
        ["ec2 image id upper case"] = (Ec2 with { Spec = new() { ImageId = "ami-0123456789ABCDEF0" } }, "spec.imageId"),
        ["ec2 image id without prefix"] = (Ec2 with { Spec = new() { ImageId = "0123456789abcdef0" } }, "spec.imageId"),
        ["rds engine unknown"] = (Rds with { Spec = new() { Engine = "oracle" } }, "spec.engine"),
        ["rds engine upper case"] = (Rds with { Spec = new() { Engine = "Postgres" } }, "spec.engine"),
        ["rds instance class not allowed"] = (Rds with { Spec = new() { InstanceClass = "db.x2g.16xlarge" } }, "spec.instanceClass"),
        ["rds storage 19"] = (Rds with { Spec = new() { AllocatedStorage = 19 } }, "spec.allocatedStorage"),
        ["rds storage 1001"] = (Rds with { Spec = new() { AllocatedStorage = 1001 } }, "spec.allocatedStorage"),
        ["rds storage negative"] = (Rds with { Spec = new() { AllocatedStorage = -20 } }, "spec.allocatedStorage"),
        ["ec2 with an engine"] = (Ec2 with { Spec = new() { Engine = "postgres" } }, "spec.engine"),
        ["ec2 with an instance class"] = (Ec2 with { Spec = new() { InstanceClass = "db.t3.micro" } }, "spec.instanceClass"),
        ["ec2 with versioning"] = (Ec2 with { Spec = new() { Versioning = true } }, "spec.versioning"),
        ["s3 with an instance type"] = (S3 with { Spec = new() { InstanceType = "t3.micro" } }, "spec.instanceType"),
        ["s3 with allocated storage"] = (S3 with { Spec = new() { AllocatedStorage = 20 } }, "spec.allocatedStorage"),
        ["rds with an image id"] = (Rds with { Spec = new() { ImageId = "ami-0123456789abcdef0" } }, "spec.imageId"),
        ["rds with versioning"] = (Rds with { Spec = new() { Versioning = false } }, "spec.versioning"),
    };

    private static readonly Dictionary<string, CreateResourceCommand> ValidBodies = new()
    {
        ["ec2 with an empty spec"] = Ec2 with { Spec = new ResourceSpecDto() },
        ["ec2 with a full spec"] = Ec2 with { Spec = new() { InstanceType = "t3.small", ImageId = "ami-0123456789abcdef0" } },
        ["ec2 with an 8-digit image id"] = Ec2 with { Spec = new() { ImageId = "ami-12345678" } },
        ["rds with a full spec"] = Rds with { Spec = new() { Engine = "mysql", InstanceClass = "db.t3.small", AllocatedStorage = 100 } },
        ["rds mariadb"] = Rds with { Spec = new() { Engine = "mariadb" } },
        ["rds storage 20"] = Rds with { Spec = new() { AllocatedStorage = 20 } },
        ["rds storage 1000"] = Rds with { Spec = new() { AllocatedStorage = 1000 } },
        ["s3 versioning on"] = S3 with { Spec = new() { Versioning = true } },
        ["s3 versioning off"] = S3 with { Spec = new() { Versioning = false } },
    };

    private readonly CreateResourceValidator _validator = Validator();

    public static TheoryData<string> InvalidCases => new(InvalidBodies.Keys);

    public static TheoryData<string> ValidCases => new(ValidBodies.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_spec_is_reported_under_its_json_field_only(string @case)
    {
        var (body, key) = InvalidBodies[@case];

        ValidationErrorKeys.Of(_validator, body).ShouldBe([key]);
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_spec_passes(string @case) =>
        ValidationErrorKeys.Of(_validator, ValidBodies[@case]).ShouldBeEmpty();

    [Fact]
    public void Instance_types_and_classes_are_limited_by_configuration()
    {
        var validator = Validator(catalog =>
        {
            catalog.AllowedInstanceTypes = ["c5.large"];
            catalog.AllowedDbInstanceClasses = ["db.r5.large"];
        });

        ValidationErrorKeys.Of(validator, Ec2 with { Spec = new() { InstanceType = "c5.large" } }).ShouldBeEmpty();
        ValidationErrorKeys.Of(validator, Ec2 with { Spec = new() { InstanceType = "t3.micro" } }).ShouldBe(["spec.instanceType"]);
        ValidationErrorKeys.Of(validator, Rds with { Spec = new() { InstanceClass = "db.r5.large" } }).ShouldBeEmpty();
        ValidationErrorKeys.Of(validator, Rds with { Spec = new() { InstanceClass = "db.t3.micro" } }).ShouldBe(["spec.instanceClass"]);
    }
}
