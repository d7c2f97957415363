using Orchestrator.Domain.Authorization;

namespace Orchestrator.UnitTests.Domain;

public class RolePermissionsTests
{
    /// <summary>The role table of api.md, plus user and key administration, which only admins have.</summary>
    public static TheoryData<Role, Permission, bool> ContractTable => new()
    {
        { Role.Admin, Permission.Create, true },
        { Role.Admin, Permission.Read, true },
        { Role.Admin, Permission.Update, true },
        { Role.Admin, Permission.Delete, true },
        { Role.Admin, Permission.ManageUsers, true },
        { Role.Admin, Permission.ReadAudit, true },
        { Role.Admin, Permission.ManageKeys, true },
        { Role.Admin, Permission.ManageGuardrails, true },
        { Role.Admin, Permission.ForgetResources, true },
        { Role.Admin, Permission.ManageWebhooks, true },
        { Role.Operator, Permission.Create, true },
        { Role.Operator, Permission.Read, true },
        { Role.Operator, Permission.Update, true },
        { Role.Operator, Permission.Delete, false },
        { Role.Operator, Permission.ManageUsers, false },
        { Role.Operator, Permission.ReadAudit, false },
        { Role.Operator, Permission.ManageKeys, false },
        { Role.Operator, Permission.ManageGuardrails, false },
        { Role.Operator, Permission.ForgetResources, false },
        { Role.Operator, Permission.ManageWebhooks, false },
        { Role.Viewer, Permission.Create, false },
        { Role.Viewer, Permission.Read, true },
        { Role.Viewer, Permission.Update, false },
        { Role.Viewer, Permission.Delete, false },
        { Role.Viewer, Permission.ManageUsers, false },
        { Role.Viewer, Permission.ReadAudit, false },
        { Role.Viewer, Permission.ManageKeys, false },
        { Role.Viewer, Permission.ManageGuardrails, false },
        { Role.Viewer, Permission.ForgetResources, false },
        { Role.Viewer, Permission.ManageWebhooks, false },
    };

    [Theory]
    [MemberData(nameof(ContractTable))]
    public void Grants_follows_the_contract_role_table(Role role, Permission permission, bool granted) =>
        RolePermissions.Grants(role, permission).ShouldBe(granted);

    [Fact]
    public void Contract_table_decides_every_role_and_permission()
    {
        var decided = ContractTable.Select(row => ((Role)row[0], (Permission)row[1])).ToHashSet();

        var undecided = Enum.GetValues<Role>()
            .SelectMany(role => Enum.GetValues<Permission>().Select(permission => (role, permission)))
            .Where(pair => !decided.Contains(pair))
            .ToList();

        undecided.ShouldBeEmpty("A new role or permission needs its row in the contract table of this test.");
    }

    [Fact]
    public void An_undefined_role_is_granted_nothing() =>
        Enum.GetValues<Permission>().ShouldAllBe(permission => !RolePermissions.Grants((Role)42, permission));

    [Theory]
    [InlineData("admin", Role.Admin)]
    [InlineData("operator", Role.Operator)]
    [InlineData("viewer", Role.Viewer)]
    public void TryParseRole_accepts_the_wire_names(string value, Role expected)
    {
        RolePermissions.TryParseRole(value, out var role).ShouldBeTrue();
        role.ShouldBe(expected);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("")]
    [InlineData("root")]
    [InlineData("Admin")]
    [InlineData(" admin ")]
    [InlineData("viewer,admin")]
    [InlineData("viewer, operator")]
    [InlineData("superadmin")]
    [InlineData(null)]
    public void TryParseRole_rejects_anything_else(string? value) =>
        RolePermissions.TryParseRole(value, out _).ShouldBeFalse();

    [Theory]
    [InlineData(Role.Admin, "admin")]
    [InlineData(Role.Operator, "operator")]
    [InlineData(Role.Viewer, "viewer")]
    public void ToWireName_is_the_lower_case_name_that_parses_back(Role role, string wireName)
    {
        role.ToWireName().ShouldBe(wireName);
        RolePermissions.TryParseRole(role.ToWireName(), out var parsed).ShouldBeTrue();
        parsed.ShouldBe(role);
    }
}
