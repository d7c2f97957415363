namespace Orchestrator.Application.Users.Common;

/// <summary>The length of a username, for its validator and the API description.</summary>
public static class UsernameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 64;
}
