namespace Orchestrator.Domain.Authorization;

/// <summary>What a request does to one existing resource.</summary>
public enum ResourceAction
{
    Read,
    Update,
    Delete,

    /// <summary>Reading or replacing the resource's policy: the owner (with update permission) or an admin only.</summary>
    ManagePolicy,
}
