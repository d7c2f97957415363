namespace Orchestrator.Domain.Authorization;

/// <summary>The statements attached to one resource. Empty means: only the owner and admins.</summary>
public sealed record ResourcePolicy(IReadOnlyList<PolicyStatement> Statements)
{
    public static readonly ResourcePolicy Empty = new([]);

    public bool Matches(PolicyEffect effect, Guid userId, Role role, ResourceAction action)
    {
        if (Statements.Count == 0)
        {
            return false;
        }

        var principals = PolicyPrincipal.Of(userId, role);
        return Statements.Any(statement => statement.Matches(effect, principals, action));
    }

    /// <summary>The statements flattened to one (effect, principal, action) triple each, for database filtering.</summary>
    public IEnumerable<(PolicyEffect Effect, string Principal, ResourceAction Action)> Grants() =>
        Statements
            .SelectMany(s => s.Principals.SelectMany(p => s.Actions.Select(a => (s.Effect, p, a))))
            .Distinct();
}
