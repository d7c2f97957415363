using Microsoft.Extensions.Time.Testing;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.UnitTests.Domain;

public class ResourceTests
{
    private readonly FakeTimeProvider _clock = new(TestResources.CreatedAt);

    [Fact]
    public void Create_starts_pending_at_version_1_owned_by_the_caller()
    {
        var ownerId = Guid.NewGuid();

        var resource = TestResources.Ec2(ownerId, new Dictionary<string, string> { ["env"] = "dev" });

        resource.Status.ShouldBe(ResourceStatus.Pending);
        resource.Version.ShouldBe(1);
        resource.OwnerId.ShouldBe(ownerId);
        resource.ProviderId.ShouldBeNull();
        resource.CreatedAt.ShouldBe(TestResources.CreatedAt);
        resource.UpdatedAt.ShouldBe(TestResources.CreatedAt);
        resource.TagDictionary().ShouldBe(new Dictionary<string, string> { ["env"] = "dev" });
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("web-01")]
    [InlineData("")]
    public void Create_refuses_an_invalid_name(string name) =>
        Should.Throw<DomainRuleException>(() => Resource.Create(
            Guid.NewGuid(), name, ResourceType.S3, "us-east-1", new Dictionary<string, string>(), new ResourceSpec(), Guid.NewGuid(), TestResources.CreatedAt));

    [Fact]
    public void ReplaceTags_replaces_the_whole_set_and_bumps_version_and_UpdatedAt()
    {
        var resource = TestResources.Ec2(Guid.NewGuid(), new Dictionary<string, string> { ["env"] = "dev", ["team"] = "a" });
        _clock.Advance(TimeSpan.FromMinutes(5));

        resource.ReplaceTags(new Dictionary<string, string> { ["env"] = "prod", ["cost"] = "42" }, _clock.GetUtcNow());

        resource.TagDictionary().ShouldBe(new Dictionary<string, string> { ["env"] = "prod", ["cost"] = "42" }, ignoreOrder: true);
        resource.Version.ShouldBe(2);
        resource.UpdatedAt.ShouldBe(TestResources.CreatedAt.AddMinutes(5));
        resource.CreatedAt.ShouldBe(TestResources.CreatedAt);
    }

    [Fact]
    public void ReplaceTags_with_an_empty_set_removes_every_tag()
    {
        var resource = TestResources.Ec2(Guid.NewGuid(), new Dictionary<string, string> { ["env"] = "dev" });

        resource.ReplaceTags(new Dictionary<string, string>(), _clock.GetUtcNow());

        resource.Tags.ShouldBeEmpty();
    }

    [Fact]
    public void ReplaceTags_on_a_deleting_resource_throws_and_changes_nothing()
    {
        var resource = TestResources.Ec2(Guid.NewGuid(), new Dictionary<string, string> { ["env"] = "dev" });
        resource.RequestDeletion(_clock.GetUtcNow());
        var version = resource.Version;

        Should.Throw<DomainRuleException>(() =>
            resource.ReplaceTags(new Dictionary<string, string> { ["env"] = "prod" }, _clock.GetUtcNow()));

        resource.TagDictionary().ShouldBe(new Dictionary<string, string> { ["env"] = "dev" });
        resource.Version.ShouldBe(version);
    }

    [Fact]
    public void RequestDeletion_moves_to_deleting_once()
    {
        var resource = TestResources.Ec2(Guid.NewGuid());
        _clock.Advance(TimeSpan.FromMinutes(1));

        resource.RequestDeletion(_clock.GetUtcNow()).ShouldBeTrue();
        resource.Status.ShouldBe(ResourceStatus.Deleting);
        resource.Version.ShouldBe(2);
        resource.UpdatedAt.ShouldBe(_clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromMinutes(1));
        resource.RequestDeletion(_clock.GetUtcNow()).ShouldBeFalse();
        resource.Status.ShouldBe(ResourceStatus.Deleting);
        resource.Version.ShouldBe(2);
    }

    [Fact]
    public void RequestDeletion_clears_the_reason_and_code_of_a_failed_resource()
    {
        var resource = TestResources.Ec2(Guid.NewGuid());
        resource.MarkFailed("cloud.limit-exceeded", "capacity", _clock.GetUtcNow());
        resource.StatusReason.ShouldBe("capacity");
        resource.FailureCode.ShouldBe("cloud.limit-exceeded");

        resource.RequestDeletion(_clock.GetUtcNow()).ShouldBeTrue();

        resource.StatusReason.ShouldBeNull();
        resource.FailureCode.ShouldBeNull();
    }

    [Fact]
    public void MarkActive_keeps_outputs_and_posture_within_their_bounds()
    {
        var resource = TestResources.Ec2(Guid.NewGuid());
        resource.MarkProvisioning(_clock.GetUtcNow());
        var outputs = Enumerable.Range(0, 10).ToDictionary(i => $"key{i}", _ => new string('v', 600));
        var posture = Enumerable.Range(0, 20).Select(i => new PostureReading($"s{i}", new string('e', 100), null)).ToList();

        resource.MarkActive("i-0abc", outputs, posture, _clock.GetUtcNow());

        resource.Outputs.Count.ShouldBe(ResourceCloudReport.MaxOutputs);
        resource.Outputs.Values.ShouldAllBe(v => v.Length == ResourceCloudReport.OutputValueMaxLength);
        resource.Posture.Count.ShouldBe(ResourceCloudReport.MaxPostureSettings);
        resource.Posture.ShouldAllBe(p => p.Expected.Length == ResourceCloudReport.PostureValueMaxLength);
        resource.FailureCode.ShouldBeNull();
    }

    [Fact]
    public void MarkActive_after_provisioning_sets_the_provider_id()
    {
        var resource = TestResources.Ec2(Guid.NewGuid());
        resource.MarkProvisioning(_clock.GetUtcNow());

        resource.MarkActive("sandbox-i-0abc", _clock.GetUtcNow());

        resource.Status.ShouldBe(ResourceStatus.Active);
        resource.ProviderId.ShouldBe("sandbox-i-0abc");
        resource.Version.ShouldBe(3);
    }

    [Fact]
    public void MarkActive_straight_from_pending_is_refused()
    {
        var resource = TestResources.Ec2(Guid.NewGuid());

        Should.Throw<DomainRuleException>(() => resource.MarkActive("sandbox-i-0abc", _clock.GetUtcNow()));

        resource.Status.ShouldBe(ResourceStatus.Pending);
        resource.ProviderId.ShouldBeNull();
    }
}
