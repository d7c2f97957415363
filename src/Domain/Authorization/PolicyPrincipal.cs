namespace Orchestrator.Domain.Authorization;

/// <summary>The principal forms of a policy statement: <c>user:&lt;id&gt;</c>, <c>role:&lt;name&gt;</c> and <c>*</c> (everyone).</summary>
public static class PolicyPrincipal
{
    public const string Everyone = "*";
    private const string UserPrefix = "user:";
    private const string RolePrefix = "role:";

    public static string ForUser(Guid userId) => UserPrefix + userId.ToString("D");

    public static string ForRole(Role role) => RolePrefix + role.ToWireName();

    /// <summary>Parses and normalizes a principal (user ids in canonical lower-case form); false for anything else.</summary>
    public static bool TryNormalize(string? text, out string principal)
    {
        principal = string.Empty;
        if (text == Everyone)
        {
            principal = Everyone;
        }
        else if (text is not null && text.StartsWith(UserPrefix, StringComparison.Ordinal)
            && Guid.TryParseExact(text[UserPrefix.Length..], "D", out var userId))
        {
            principal = ForUser(userId);
        }
        else if (text is not null && text.StartsWith(RolePrefix, StringComparison.Ordinal)
            && RolePermissions.TryParseRole(text[RolePrefix.Length..], out var role))
        {
            principal = ForRole(role);
        }

        return principal.Length > 0;
    }

    /// <summary>The principals a caller is known by: their user id, their role, and everyone.</summary>
    public static string[] Of(Guid userId, Role role) => [ForUser(userId), ForRole(role), Everyone];
}
