using Orchestrator.Application.Drift;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.UnitTests.Application.Drift;

public sealed class DriftComparisonTests
{
    private static readonly Guid ResourceId = Guid.Parse("0b9f3c1e-5a7d-4c2b-9e1f-3d6a8b2c4e10");
    private static readonly Guid OwnerId = Guid.Parse("5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12");

    [Fact]
    public void A_resource_gone_from_the_cloud_is_one_difference_on_its_existence() =>
        Names(DriftComparison.Compare(Recorded(ResourceType.S3), CloudState.Missing)).ShouldBe(["exists:true:false"]);

    [Fact]
    public void Changed_missing_and_added_tags_are_each_a_difference_and_the_services_own_tags_count()
    {
        var recorded = Recorded(ResourceType.Ec2);
        var tags = new Dictionary<string, string>(recorded.CloudTags(), StringComparer.Ordinal) { ["env"] = "prod", ["costcentre"] = "x1" };
        tags.Remove(CloudResource.OwnerIdTag);

        var differences = DriftComparison.Compare(recorded, new CloudState(true, tags, []));

        Names(differences).ShouldBe(["tags.env:dev:prod", $"tags.{CloudResource.OwnerIdTag}:{OwnerId}:-", "tags.costcentre:-:x1"]);
    }

    [Fact]
    public void A_setting_the_cloud_did_not_report_is_not_a_difference()
    {
        var recorded = Recorded(ResourceType.S3);
        var posture = ExpectedPosture.S3(versioning: true).Select((p, i) => p with { Actual = i == 0 ? null : i == 1 ? "none" : p.Expected }).ToList();

        var differences = DriftComparison.Compare(recorded, new CloudState(true, recorded.CloudTags(), posture));

        Names(differences).ShouldBe([$"posture.{PostureSettings.S3.DefaultEncryption}:AES256:none"]);
    }

    [Theory]
    [InlineData(false, "false", new string[0])]
    [InlineData(false, "true", new[] { "posture.deletionProtection:false:true" })]
    [InlineData(true, "true", new string[0])]
    [InlineData(true, "false", new[] { "posture.deletionProtection:true:false" })]
    public void A_databases_expected_protection_is_its_own(bool deletionProtection, string inCloud, string[] expected)
    {
        var recorded = Recorded(ResourceType.Rds) with { DeletionProtection = deletionProtection };
        var posture = ExpectedPosture.Rds("16.4", 7, recorded.DeletionProtection)
            .Select(p => p with { Actual = p.Setting == PostureSettings.Rds.DeletionProtection ? inCloud : p.Expected })
            .ToList();

        Names(DriftComparison.Compare(recorded, new CloudState(true, recorded.CloudTags(), posture))).ShouldBe(expected);
    }

    private static CloudResource Recorded(ResourceType type) => new(
        ResourceId, OwnerId, type, "drift01", "eu-west-2", new ResourceSpec(), new Dictionary<string, string>(StringComparer.Ordinal) { ["env"] = "dev" }, "p-1");

    private static List<string> Names(IReadOnlyList<DriftDifference> differences) =>
        [.. differences.Select(d => $"{d.Field}:{d.Expected ?? "-"}:{d.Actual ?? "-"}")];
}
