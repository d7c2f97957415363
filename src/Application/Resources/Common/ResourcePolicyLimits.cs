namespace Orchestrator.Application.Resources.Common;

/// <summary>The size limits of a resource policy, for its validator and the API description.</summary>
public static class ResourcePolicyLimits
{
    public const int MaxStatements = 50;
    public const int MaxEntriesPerStatement = 50;
}
