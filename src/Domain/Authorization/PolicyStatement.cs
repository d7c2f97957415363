namespace Orchestrator.Domain.Authorization;

/// <summary>One statement of a resource policy: an effect for some principals and some actions (read, update, delete).</summary>
public sealed record PolicyStatement(PolicyEffect Effect, IReadOnlyList<string> Principals, IReadOnlyList<ResourceAction> Actions)
{
    public static readonly IReadOnlyList<ResourceAction> GrantableActions = [ResourceAction.Read, ResourceAction.Update, ResourceAction.Delete];

    public bool Matches(PolicyEffect effect, IReadOnlyCollection<string> callerPrincipals, ResourceAction action) =>
        Effect == effect && Actions.Contains(action) && Principals.Any(callerPrincipals.Contains);
}
