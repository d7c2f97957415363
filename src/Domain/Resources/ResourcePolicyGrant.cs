using Orchestrator.Domain.Authorization;

namespace Orchestrator.Domain.Resources;

/// <summary>
/// One (effect, principal, action) triple of a resource's policy, kept as a row beside the policy
/// document so that list queries can filter by grants in SQL.
/// </summary>
public sealed class ResourcePolicyGrant
{
    private ResourcePolicyGrant()
    {
    }

    public ResourcePolicyGrant(PolicyEffect effect, string principal, ResourceAction action)
    {
        Effect = effect;
        Principal = principal;
        Action = action;
    }

    public PolicyEffect Effect { get; private set; }

    public string Principal { get; private set; } = string.Empty;

    public ResourceAction Action { get; private set; }
}
