using Orchestrator.Domain.Resources;

namespace Orchestrator.Domain.Authorization;

/// <summary>
/// Decides whether a caller may perform an action on a resource, in the order of the API contract:
/// role permission, explicit Deny, owner or admin, Allow statement, default deny.
/// Until resources carry policy statements, steps 2 and 4 match nothing, so the role table and
/// ownership decide alone.
/// </summary>
public static class ResourceAccessPolicy
{
    public static AccessDecision Decide(Guid userId, Role role, Resource resource, ResourceAction action)
    {
        if (!Evaluate(userId, role, resource, ResourceAction.Read))
        {
            return AccessDecision.Hidden;
        }

        return Evaluate(userId, role, resource, action) ? AccessDecision.Allowed : AccessDecision.Forbidden;
    }

    public static bool Evaluate(Guid userId, Role role, Resource resource, ResourceAction action)
    {
        if (!RolePermissions.Grants(role, ToPermission(action)))
        {
            return false;
        }

        return resource.OwnerId == userId || role == Role.Admin;
    }

    public static Permission ToPermission(ResourceAction action) => action switch
    {
        ResourceAction.Read => Permission.Read,
        ResourceAction.Update => Permission.Update,
        ResourceAction.Delete => Permission.Delete,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
