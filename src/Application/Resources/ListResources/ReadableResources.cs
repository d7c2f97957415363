using System.Linq.Expressions;
using LinqKit;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.ListResources;

/// <summary>
/// The resource-policy rule for "read" (see <see cref="ResourceAccessPolicy"/>) as one query filter, so
/// that lists are filtered in the database: no Deny grant for the caller, and the caller is the
/// owner, an admin, or holds an Allow grant.
/// </summary>
/// <remarks>
/// The grants are asked as "the ids of the resources with such a grant" (<c>Id NOT IN (...)</c>,
/// <c>Id IN (...)</c>), not as "does this resource have such a grant" (<c>EXISTS</c>): the database works
/// the first out once per statement, from the grants' principal index, where the second probes the grants
/// once for every resource. The list's count reads every resource the caller may see, so that is the
/// difference between one lookup and 10,000 for 10,000 resources.
/// </remarks>
internal static class ReadableResources
{
    /// <summary>
    /// The ids of the resources with a grant of the effect on "read" for the user, the role or everyone. The one definition
    /// of the grant condition, written as an expression so that a compiled query inlines it (LinqKit's <c>Invoke</c> and
    /// <c>Expand</c>) exactly as a composed one does (docs/decisions/0045-compiled-list-queries.md).
    /// </summary>
    public static readonly Expression<Func<IQueryable<Resource>, PolicyEffect, string, string, IQueryable<Guid>>> ReadGrantIds =
        (resources, effect, asUser, asRole) => resources
            .SelectMany(r => r.PolicyGrants, (r, g) => new { r.Id, Grant = g })
            .Where(x => x.Grant.Effect == effect && x.Grant.Action == ResourceAction.Read
                && (x.Grant.Principal == asUser || x.Grant.Principal == asRole || x.Grant.Principal == PolicyPrincipal.Everyone))
            .Select(x => x.Id);

    /// <summary>The resources a Deny grant hides from the caller.</summary>
    public static readonly Expression<Func<IQueryable<Resource>, string, string, IQueryable<Resource>>> DeniedTo =
        (resources, asUser, asRole) => resources.Where(r => ReadGrantIds.Invoke(resources, PolicyEffect.Deny, asUser, asRole).Contains(r.Id));

    /// <summary>What an admin reads: every resource but those a Deny grant hides from the caller.</summary>
    public static readonly Expression<Func<IQueryable<Resource>, string, string, IQueryable<Resource>>> NotDenied =
        (resources, asUser, asRole) => resources.Where(r => !ReadGrantIds.Invoke(resources, PolicyEffect.Deny, asUser, asRole).Contains(r.Id));

    /// <summary>What any other role with "read" reads: the resources not denied to the caller that the user owns or a grant allows.</summary>
    public static readonly Expression<Func<IQueryable<Resource>, Guid, string, string, IQueryable<Resource>>> OwnedOrAllowed =
        (resources, userId, asUser, asRole) => NotDenied.Invoke(resources, asUser, asRole)
            .Where(r => r.OwnerId == userId || ReadGrantIds.Invoke(resources, PolicyEffect.Allow, asUser, asRole).Contains(r.Id));

    /// <summary>
    /// <see cref="OwnedOrAllowed"/> in two parts that never share a resource: the user's own (one range of the owner index,
    /// already in the list order) and those an Allow grant gives them that they do not own (a seek per grant). A page of
    /// each part, merged, is the unfiltered list's page without sorting everything the user owns
    /// (docs/decisions/0048-an-operators-page-in-two-parts.md).
    /// </summary>
    public static readonly Expression<Func<IQueryable<Resource>, Guid, string, string, IQueryable<Resource>>> Owned =
        (resources, userId, asUser, asRole) => NotDenied.Invoke(resources, asUser, asRole).Where(r => r.OwnerId == userId);

    /// <inheritdoc cref="Owned"/>
    public static readonly Expression<Func<IQueryable<Resource>, Guid, string, string, IQueryable<Resource>>> GrantedNotOwned =
        (resources, userId, asUser, asRole) => NotDenied.Invoke(resources, asUser, asRole)
            .Where(r => r.OwnerId != userId && ReadGrantIds.Invoke(resources, PolicyEffect.Allow, asUser, asRole).Contains(r.Id));

    /// <summary>Which of the filters above a role reads through: the one place that decides it for every list statement.</summary>
    public static ReadReach ReachOf(Role role) =>
        !RolePermissions.Grants(role, Permission.Read) ? ReadReach.Nothing
        : role == Role.Admin ? ReadReach.AllButDenied
        : ReadReach.OwnedOrAllowed;

    public static IQueryable<Resource> For(IQueryable<Resource> resources, Guid userId, Role role)
    {
        var asUser = PolicyPrincipal.ForUser(userId);
        var asRole = PolicyPrincipal.ForRole(role);
        return ReachOf(role) switch
        {
            ReadReach.AllButDenied => Inlined.Query(resources, () => NotDenied.Invoke(resources, asUser, asRole)),
            ReadReach.OwnedOrAllowed => Inlined.Query(resources, () => OwnedOrAllowed.Invoke(resources, userId, asUser, asRole)),
            _ => resources.Where(_ => false),
        };
    }
}

/// <summary>What a role may list: nothing, every resource but those denied to it (<see cref="ReadableResources.NotDenied"/>), or its own and those allowed to it (<see cref="ReadableResources.OwnedOrAllowed"/>).</summary>
internal enum ReadReach
{
    Nothing,
    AllButDenied,
    OwnedOrAllowed,
}
