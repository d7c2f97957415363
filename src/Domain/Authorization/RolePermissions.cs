namespace Orchestrator.Domain.Authorization;

/// <summary>The role table of the API contract. Anything not listed is denied.</summary>
public static class RolePermissions
{
    private static readonly Dictionary<Role, HashSet<Permission>> Table = new()
    {
        [Role.Admin] = [Permission.Create, Permission.Read, Permission.Update, Permission.Delete, Permission.ManageUsers, Permission.ReadAudit, Permission.ManageKeys, Permission.ManageGuardrails, Permission.ForgetResources, Permission.ManageWebhooks],
        [Role.Operator] = [Permission.Create, Permission.Read, Permission.Update],
        [Role.Viewer] = [Permission.Read],
    };

    public static bool Grants(Role role, Permission permission) =>
        Table.TryGetValue(role, out var permissions) && permissions.Contains(permission);

    // Computed once: the caller's role is parsed on every request.
    private static readonly (Role Role, string WireName)[] WireNames =
        [.. Enum.GetValues<Role>().Select(role => (role, role.ToString().ToLowerInvariant()))];

    /// <summary>The roles' wire names: "admin", "operator", "viewer" in the enum's order.</summary>
    public static readonly IReadOnlyList<string> RoleNames = [.. WireNames.Select(w => w.WireName)];

    /// <summary>Accepts exactly the wire names "admin", "operator" and "viewer" (no case folding, no combinations).</summary>
    public static bool TryParseRole(string? value, out Role role)
    {
        foreach (var (candidate, wireName) in WireNames)
        {
            if (string.Equals(wireName, value, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    public static string ToWireName(this Role role)
    {
        foreach (var (candidate, wireName) in WireNames)
        {
            if (candidate == role)
            {
                return wireName;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role.");
    }
}
