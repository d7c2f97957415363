namespace Orchestrator.Domain.Resources;

/// <summary>The allowed status transitions of a resource.</summary>
public static class ResourceLifecycle
{
    public static bool CanMove(ResourceStatus from, ResourceStatus to) => (from, to) switch
    {
        (ResourceStatus.Pending, ResourceStatus.Provisioning) => true,
        (ResourceStatus.Pending, ResourceStatus.Failed) => true,
        (ResourceStatus.Provisioning, ResourceStatus.Active) => true,
        (ResourceStatus.Provisioning, ResourceStatus.Failed) => true,
        (ResourceStatus.Deleting, ResourceStatus.Deleted) => true,
        (ResourceStatus.Deleting, ResourceStatus.Failed) => true,
        (ResourceStatus.Failed, ResourceStatus.Pending) => true,
        (ResourceStatus.AwaitingApproval, ResourceStatus.Pending) => true,
        (ResourceStatus.AwaitingApproval, ResourceStatus.Rejected) => true,
        (not ResourceStatus.Deleting and not ResourceStatus.Deleted and not ResourceStatus.Forgotten, ResourceStatus.Deleting) => true,
        (ResourceStatus.Pending or ResourceStatus.Provisioning or ResourceStatus.Active or ResourceStatus.Failed, ResourceStatus.Forgotten) => true,
        _ => false,
    };
}
