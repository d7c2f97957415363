using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.ListResources;

/// <summary>
/// The resource-policy rule for "read" (see <see cref="ResourceAccessPolicy"/>) as one query filter, so
/// that lists are filtered in the database: no Deny grant for the caller, and the caller is the
/// owner, an admin, or holds an Allow grant.
/// </summary>
internal static class ReadableResources
{
    public static IQueryable<Resource> For(IQueryable<Resource> resources, Guid userId, Role role)
    {
        if (!RolePermissions.Grants(role, Permission.Read))
        {
            return resources.Where(_ => false);
        }

        var asUser = PolicyPrincipal.ForUser(userId);
        var asRole = PolicyPrincipal.ForRole(role);
        const string everyone = PolicyPrincipal.Everyone;

        resources = resources.Where(r => !r.PolicyGrants.Any(g =>
            g.Effect == PolicyEffect.Deny && g.Action == ResourceAction.Read
            && (g.Principal == asUser || g.Principal == asRole || g.Principal == everyone)));

        return role == Role.Admin
            ? resources
            : resources.Where(r => r.OwnerId == userId || r.PolicyGrants.Any(g =>
                g.Effect == PolicyEffect.Allow && g.Action == ResourceAction.Read
                && (g.Principal == asUser || g.Principal == asRole || g.Principal == everyone)));
    }
}
