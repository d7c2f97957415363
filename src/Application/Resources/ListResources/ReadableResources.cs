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

    /// <summary>
    /// What any other role with "read" reads, in two parts that never share a resource: the user's own that are not denied
    /// to them (one range of the owner index, already in the list order), and <see cref="GrantedNotOwned"/>. A list is
    /// the two parts with its filters inside each, so that each is read from where it lives: an <c>OR</c> of the two let
    /// the planner walk a status's or a type's range of the whole fleet instead
    /// (docs/decisions/0048-an-operators-page-in-two-parts.md, docs/decisions/0050-fixed-planner-statistics.md).
    /// </summary>
    public static readonly Expression<Func<IQueryable<Resource>, Guid, string, string, IQueryable<Resource>>> Owned =
        (resources, userId, asUser, asRole) => NotDenied.Invoke(resources, asUser, asRole).Where(r => r.OwnerId == userId);

    /// <summary>
    /// The resources among <c>candidates</c> (the list's filters applied to <c>resources</c>) that an Allow grant gives the
    /// user, a Deny does not hide and they do not own: the candidates are asked from the grants (one seek per grant), and
    /// the part is read by those ids alone, so no filter's index can drive it across the fleet.
    /// </summary>
    public static readonly Expression<Func<IQueryable<Resource>, IQueryable<Resource>, Guid, string, string, IQueryable<Resource>>> GrantedNotOwned =
        (resources, candidates, userId, asUser, asRole) => resources.Where(r => ReadGrantIds.Invoke(
                candidates.Where(c => c.OwnerId != userId && !ReadGrantIds.Invoke(resources, PolicyEffect.Deny, asUser, asRole).Contains(c.Id)),
                PolicyEffect.Allow,
                asUser,
                asRole)
            .Contains(r.Id));

    /// <summary>Which of the filters above a role reads through: the one place that decides it for every list statement.</summary>
    public static ReadReach ReachOf(Role role) =>
        !RolePermissions.Grants(role, Permission.Read) ? ReadReach.Nothing
        : role == Role.Admin ? ReadReach.AllButDenied
        : ReadReach.OwnedOrAllowed;

    /// <summary>
    /// What the caller reads when their role reads everything but what is denied to it, or nothing; a role that reads its
    /// own and granted resources is read in two parts (<see cref="Owned"/>, <see cref="GrantedNotOwned"/>).
    /// </summary>
    public static IQueryable<Resource> ForAllOrNothing(IQueryable<Resource> resources, Guid userId, Role role)
    {
        var (asUser, asRole) = (PolicyPrincipal.ForUser(userId), PolicyPrincipal.ForRole(role));
        return ReachOf(role) switch
        {
            ReadReach.AllButDenied => Inlined.Query(resources, () => NotDenied.Invoke(resources, asUser, asRole)),
            ReadReach.Nothing => resources.Where(_ => false),
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "This role reads its own and granted resources, in two parts."),
        };
    }
}

/// <summary>What a role may list: nothing, every resource but those denied to it (<see cref="ReadableResources.NotDenied"/>), or its own and those allowed to it (<see cref="ReadableResources.Owned"/> and <see cref="ReadableResources.GrantedNotOwned"/>).</summary>
internal enum ReadReach
{
    Nothing,
    AllButDenied,
    OwnedOrAllowed,
}
