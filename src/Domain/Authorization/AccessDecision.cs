namespace Orchestrator.Domain.Authorization;

public enum AccessDecision
{
    Allowed,

    /// <summary>The caller may read the resource but not perform the action: 403.</summary>
    Forbidden,

    /// <summary>The caller may not even read the resource: answered as 404 so ids cannot be probed.</summary>
    Hidden,
}
