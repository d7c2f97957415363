namespace Orchestrator.Domain.Authorization;

/// <summary>The role table of the API contract. Anything not listed is denied.</summary>
public static class RolePermissions
{
    private static readonly Dictionary<Role, HashSet<Permission>> Table = new()
    {
        [Role.Admin] = [Permission.Create, Permission.Read, Permission.Update, Permission.Delete, Permission.ManageUsers],
        [Role.Operator] = [Permission.Create, Permission.Read, Permission.Update],
        [Role.Viewer] = [Permission.Read],
    };

    public static bool Grants(Role role, Permission permission) =>
        Table.TryGetValue(role, out var permissions) && permissions.Contains(permission);

    public static bool TryParseRole(string? value, out Role role)
    {
        role = default;
        return value is not null
            && Enum.TryParse(value, ignoreCase: true, out role)
            && Enum.IsDefined(role)
            && !value.Any(char.IsDigit);
    }

    public static string ToWireName(this Role role) => role.ToString().ToLowerInvariant();
}
