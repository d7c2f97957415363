using Orchestrator.Domain.Resources;

namespace Orchestrator.Domain.Authorization;

/// <summary>
/// Decides whether a caller may act on a resource, in the order of the API contract:
/// 1. the role lacks the permission -> denied;
/// 2. a Deny statement matches the caller and the action -> denied, admins included;
/// 3. the caller owns the resource, or is an admin -> allowed;
/// 4. an Allow statement matches -> allowed;
/// 5. otherwise denied.
/// Managing the policy itself is for the owner (with update permission) and admins, whatever the
/// statements say, so that an admin can always repair a policy and nobody is locked out for good.
/// </summary>
public static class ResourceAccessPolicy
{
    public static AccessDecision Decide(Guid userId, Role role, Resource resource, ResourceAction action)
    {
        if (action == ResourceAction.ManagePolicy && CanManagePolicy(userId, role, resource.OwnerId))
        {
            return AccessDecision.Allowed;
        }

        if (!Evaluate(userId, role, resource.OwnerId, resource.Policy, ResourceAction.Read))
        {
            return AccessDecision.Hidden;
        }

        return action != ResourceAction.ManagePolicy && Evaluate(userId, role, resource.OwnerId, resource.Policy, action)
            ? AccessDecision.Allowed
            : AccessDecision.Forbidden;
    }

    public static bool Evaluate(Guid userId, Role role, Guid ownerId, ResourcePolicy policy, ResourceAction action)
    {
        if (!RolePermissions.Grants(role, ToPermission(action)))
        {
            return false;
        }

        if (policy.Matches(PolicyEffect.Deny, userId, role, action))
        {
            return false;
        }

        if (ownerId == userId || role == Role.Admin)
        {
            return true;
        }

        return policy.Matches(PolicyEffect.Allow, userId, role, action);
    }

    public static bool CanManagePolicy(Guid userId, Role role, Guid ownerId) =>
        role == Role.Admin || (ownerId == userId && RolePermissions.Grants(role, Permission.Update));

    public static Permission ToPermission(ResourceAction action) => action switch
    {
        ResourceAction.Read => Permission.Read,
        ResourceAction.Update or ResourceAction.ManagePolicy => Permission.Update,
        ResourceAction.Delete => Permission.Delete,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
