using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using LinqKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Orchestrator.Application.Common.Interfaces;
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
/// <para>
/// The rule comes in two forms with the same meaning: <see cref="WithDenials"/> asks the caller's Deny grants in every
/// statement; <see cref="WithoutDenials"/> leaves that question out, and is what an operator's or viewer's list uses when
/// they hold no Deny grant on "read" at all, asked once per list (<see cref="ForCallerAsync"/>): a Deny that hides
/// nothing still costs each statement a subquery, and most callers hold none
/// (docs/decisions/0051-the-deny-question-asked-once-per-list.md).
/// </para>
/// </remarks>
internal sealed class ReadableResources
{
    /// <summary>The rule with the caller's Deny grants asked in every statement: right for any caller.</summary>
    public static ReadableResources WithDenials { get; } = new(denials: true);

    /// <summary>The rule for a caller who holds no Deny grant on "read" (<see cref="ForCallerAsync"/>).</summary>
    public static ReadableResources WithoutDenials { get; } = new(denials: false);

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

    /// <summary>
    /// Whether any resource has a Deny grant on "read" for the user, the role or everyone: a seek per principal. Compiled
    /// per model, as the list's other compiled queries are (<see cref="ResourceListQuery"/>).
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, string, string, CancellationToken, Task<bool>>> AnyDenied = [];

    private ReadableResources(bool denials)
    {
        Denials = denials;
        if (denials)
        {
            Expression<Func<IQueryable<Resource>, string, string, IQueryable<Guid>>> deniedIds =
                (resources, asUser, asRole) => ReadGrantIds.Invoke(resources, PolicyEffect.Deny, asUser, asRole);
            DeniedIds = deniedIds;
            DeniedTo = (resources, asUser, asRole) => resources.Where(r => deniedIds.Invoke(resources, asUser, asRole).Contains(r.Id));
            NotDenied = (resources, asUser, asRole) => resources.Where(r => !deniedIds.Invoke(resources, asUser, asRole).Contains(r.Id));
            GrantedNotOwned = (resources, candidates, userId, asUser, asRole) => resources.Where(r => ReadGrantIds.Invoke(
                    candidates.Where(c => c.OwnerId != userId && !deniedIds.Invoke(resources, asUser, asRole).Contains(c.Id)),
                    PolicyEffect.Allow,
                    asUser,
                    asRole)
                .Contains(r.Id));
        }
        else
        {
            DeniedIds = (resources, _, _) => resources.Where(_ => false).Select(r => r.Id);
            DeniedTo = (resources, _, _) => resources.Where(_ => false);
            NotDenied = (resources, _, _) => resources;
            GrantedNotOwned = (resources, candidates, userId, asUser, asRole) => resources.Where(r => ReadGrantIds.Invoke(
                    candidates.Where(c => c.OwnerId != userId), PolicyEffect.Allow, asUser, asRole)
                .Contains(r.Id));
        }

        var notDenied = NotDenied;
        Owned = (resources, userId, asUser, asRole) => notDenied.Invoke(resources, asUser, asRole).Where(r => r.OwnerId == userId);
    }

    /// <summary>Whether the statements ask the caller's Deny grants (<see cref="WithDenials"/>).</summary>
    public bool Denials { get; }

    /// <summary>The ids among <c>resources</c> that a Deny grant hides from the caller.</summary>
    public Expression<Func<IQueryable<Resource>, string, string, IQueryable<Guid>>> DeniedIds { get; }

    /// <summary>The resources a Deny grant hides from the caller.</summary>
    public Expression<Func<IQueryable<Resource>, string, string, IQueryable<Resource>>> DeniedTo { get; }

    /// <summary>What an admin reads: every resource but those a Deny grant hides from the caller.</summary>
    public Expression<Func<IQueryable<Resource>, string, string, IQueryable<Resource>>> NotDenied { get; }

    /// <summary>
    /// What any other role with "read" reads, in two parts that never share a resource: the user's own that are not denied
    /// to them (one range of the owner index, already in the list order), and <see cref="GrantedNotOwned"/>. A list is
    /// the two parts with its filters inside each, so that each is read from where it lives: an <c>OR</c> of the two let
    /// the planner walk a status's or a type's range of the whole fleet instead
    /// (docs/decisions/0048-an-operators-page-in-two-parts.md, docs/decisions/0050-fixed-planner-statistics.md).
    /// </summary>
    public Expression<Func<IQueryable<Resource>, Guid, string, string, IQueryable<Resource>>> Owned { get; }

    /// <summary>
    /// The resources among <c>candidates</c> (the list's filters applied to <c>resources</c>) that an Allow grant gives the
    /// user, a Deny does not hide and they do not own: the candidates are asked from the grants (one seek per grant), and
    /// the part is read by those ids alone, so no filter's index can drive it across the fleet.
    /// </summary>
    public Expression<Func<IQueryable<Resource>, IQueryable<Resource>, Guid, string, string, IQueryable<Resource>>> GrantedNotOwned { get; }

    /// <summary>
    /// The form of the rule for one list. A caller who reads their own and granted resources gets
    /// <see cref="WithoutDenials"/> when they hold no Deny grant on "read", asked in one statement, and
    /// <see cref="WithDenials"/> otherwise: their page number asks the Deny grants in four subqueries (two in the count, one
    /// per part), which the question saves. An admin's asks them in two, which the question would cost as much as it saves,
    /// so an admin gets <see cref="WithDenials"/> unasked, as a role that reads nothing does. A Deny given after the
    /// question and before the list's statements is as if given after the list, as any change between a page's statements
    /// is (docs/decisions/0051-the-deny-question-asked-once-per-list.md).
    /// </summary>
    public static async Task<ReadableResources> ForCallerAsync(IApplicationDbContext db, Guid userId, Role role, CancellationToken cancellationToken)
    {
        if (ReachOf(role) != ReadReach.OwnedOrAllowed)
        {
            return WithDenials;
        }

        var context = (DbContext)db;
        var anyDenied = AnyDenied.GetValue(context.Model, static _ => EF.CompileAsyncQuery(
            Expanded<Func<DbContext, string, string, CancellationToken, bool>>((db, asUser, asRole, _) =>
                ReadGrantIds.Invoke(db.Set<Resource>(), PolicyEffect.Deny, asUser, asRole).Any())));
        var denied = await anyDenied(context, PolicyPrincipal.ForUser(userId), PolicyPrincipal.ForRole(role), cancellationToken);
        return denied ? WithDenials : WithoutDenials;
    }

    /// <summary>Which of the filters above a role reads through: the one place that decides it for every list statement.</summary>
    public static ReadReach ReachOf(Role role) =>
        !RolePermissions.Grants(role, Permission.Read) ? ReadReach.Nothing
        : role == Role.Admin ? ReadReach.AllButDenied
        : ReadReach.OwnedOrAllowed;

    /// <summary>
    /// What the caller reads when their role reads everything but what is denied to it, or nothing; a role that reads its
    /// own and granted resources is read in two parts (<see cref="Owned"/>, <see cref="GrantedNotOwned"/>).
    /// </summary>
    public IQueryable<Resource> ForAllOrNothing(IQueryable<Resource> resources, Guid userId, Role role)
    {
        var (asUser, asRole) = (PolicyPrincipal.ForUser(userId), PolicyPrincipal.ForRole(role));
        var notDenied = NotDenied;
        return ReachOf(role) switch
        {
            ReadReach.AllButDenied => Inlined.Query(resources, () => notDenied.Invoke(resources, asUser, asRole)),
            ReadReach.Nothing => resources.Where(_ => false),
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "This role reads its own and granted resources, in two parts."),
        };
    }

    private static Expression<TDelegate> Expanded<TDelegate>(Expression<TDelegate> query) => query.Expand();
}

/// <summary>What a role may list: nothing, every resource but those denied to it (<see cref="ReadableResources.NotDenied"/>), or its own and those allowed to it (<see cref="ReadableResources.Owned"/> and <see cref="ReadableResources.GrantedNotOwned"/>).</summary>
internal enum ReadReach
{
    Nothing,
    AllButDenied,
    OwnedOrAllowed,
}
