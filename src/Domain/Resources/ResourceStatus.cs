namespace Orchestrator.Domain.Resources;

/// <summary>
/// pending -> provisioning -> active, or failed (a failed creation may be retried: back to pending); any live state ->
/// deleting -> deleted; a live resource an admin stops managing is forgotten (it stays in the cloud). A creation that
/// needs an approval waits in awaiting-approval first, then goes on to pending or ends rejected.
/// </summary>
public enum ResourceStatus
{
    Pending,
    Provisioning,
    Active,
    Failed,
    Deleting,
    Deleted,
    Forgotten,
    AwaitingApproval,
    Rejected,
}
