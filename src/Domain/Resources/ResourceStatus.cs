namespace Orchestrator.Domain.Resources;

/// <summary>pending -> provisioning -> active, or failed; any live state -> deleting -> deleted.</summary>
public enum ResourceStatus
{
    Pending,
    Provisioning,
    Active,
    Failed,
    Deleting,
    Deleted,
}
