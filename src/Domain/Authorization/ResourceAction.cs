namespace Orchestrator.Domain.Authorization;

/// <summary>An action on one existing resource, as named in resource policies.</summary>
public enum ResourceAction
{
    Read,
    Update,
    Delete,
}
