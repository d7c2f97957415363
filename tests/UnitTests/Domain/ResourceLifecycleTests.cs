using Orchestrator.Domain.Resources;

namespace Orchestrator.UnitTests.Domain;

public class ResourceLifecycleTests
{
    [Theory]
    [InlineData(ResourceStatus.Pending, ResourceStatus.Provisioning)]
    [InlineData(ResourceStatus.Pending, ResourceStatus.Failed)]
    [InlineData(ResourceStatus.Provisioning, ResourceStatus.Active)]
    [InlineData(ResourceStatus.Provisioning, ResourceStatus.Failed)]
    [InlineData(ResourceStatus.Pending, ResourceStatus.Deleting)]
    [InlineData(ResourceStatus.Provisioning, ResourceStatus.Deleting)]
    [InlineData(ResourceStatus.Active, ResourceStatus.Deleting)]
    [InlineData(ResourceStatus.Failed, ResourceStatus.Deleting)]
    [InlineData(ResourceStatus.Deleting, ResourceStatus.Deleted)]
    [InlineData(ResourceStatus.Deleting, ResourceStatus.Failed)]
    [InlineData(ResourceStatus.Failed, ResourceStatus.Pending)]
    [InlineData(ResourceStatus.Active, ResourceStatus.Forgotten)]
    [InlineData(ResourceStatus.Failed, ResourceStatus.Forgotten)]
    [InlineData(ResourceStatus.Pending, ResourceStatus.Forgotten)]
    public void Allowed_transition(ResourceStatus from, ResourceStatus to) =>
        ResourceLifecycle.CanMove(from, to).ShouldBeTrue();

    [Theory]
    [InlineData(ResourceStatus.Pending, ResourceStatus.Active)]
    [InlineData(ResourceStatus.Pending, ResourceStatus.Deleted)]
    [InlineData(ResourceStatus.Provisioning, ResourceStatus.Pending)]
    [InlineData(ResourceStatus.Active, ResourceStatus.Pending)]
    [InlineData(ResourceStatus.Active, ResourceStatus.Provisioning)]
    [InlineData(ResourceStatus.Active, ResourceStatus.Active)]
    [InlineData(ResourceStatus.Active, ResourceStatus.Deleted)]
    [InlineData(ResourceStatus.Failed, ResourceStatus.Provisioning)]
    [InlineData(ResourceStatus.Failed, ResourceStatus.Active)]
    [InlineData(ResourceStatus.Deleting, ResourceStatus.Deleting)]
    [InlineData(ResourceStatus.Deleting, ResourceStatus.Active)]
    [InlineData(ResourceStatus.Deleted, ResourceStatus.Deleting)]
    [InlineData(ResourceStatus.Deleted, ResourceStatus.Active)]
    public void Forbidden_transition(ResourceStatus from, ResourceStatus to) =>
        ResourceLifecycle.CanMove(from, to).ShouldBeFalse();

    [Fact]
    public void Nothing_leaves_deleted() =>
        Enum.GetValues<ResourceStatus>().ShouldAllBe(to => !ResourceLifecycle.CanMove(ResourceStatus.Deleted, to));

    [Fact]
    public void Only_a_failed_resource_and_an_approved_creation_go_to_pending() =>
        Enum.GetValues<ResourceStatus>().Where(from => from is not (ResourceStatus.Failed or ResourceStatus.AwaitingApproval))
            .ShouldAllBe(from => !ResourceLifecycle.CanMove(from, ResourceStatus.Pending));

    [Fact]
    public void A_creation_waiting_for_approval_goes_on_to_pending_or_ends_rejected_and_a_rejected_one_can_only_be_deleted()
    {
        Enum.GetValues<ResourceStatus>().Where(to => ResourceLifecycle.CanMove(ResourceStatus.AwaitingApproval, to))
            .ShouldBe([ResourceStatus.Pending, ResourceStatus.Deleting, ResourceStatus.Rejected], ignoreOrder: true);
        Enum.GetValues<ResourceStatus>().Where(to => ResourceLifecycle.CanMove(ResourceStatus.Rejected, to))
            .ShouldBe([ResourceStatus.Deleting]);
        Enum.GetValues<ResourceStatus>().Where(from => ResourceLifecycle.CanMove(from, ResourceStatus.Rejected))
            .ShouldBe([ResourceStatus.AwaitingApproval]);
    }

    [Fact]
    public void Nothing_leaves_forgotten_and_nothing_being_deleted_is_forgotten()
    {
        Enum.GetValues<ResourceStatus>().ShouldAllBe(to => !ResourceLifecycle.CanMove(ResourceStatus.Forgotten, to));
        ResourceLifecycle.CanMove(ResourceStatus.Deleting, ResourceStatus.Forgotten).ShouldBeFalse();
        ResourceLifecycle.CanMove(ResourceStatus.Deleted, ResourceStatus.Forgotten).ShouldBeFalse();
    }
}
