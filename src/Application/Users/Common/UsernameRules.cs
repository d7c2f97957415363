namespace Orchestrator.Application.Users.Common;

/// <summary>The form of a username, for its validator and the API description.</summary>
public static class UsernameRules
{
    public const int MinLength = 3;

    /// <summary>The column's size; /token refuses a longer username before counting it.</summary>
    public const int MaxLength = 64;

    /// <summary>Letters, digits and . _ - @, starting with a letter or digit.</summary>
    public const string PatternText = @"^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}\z";
}
