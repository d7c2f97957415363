using Microsoft.Extensions.Options;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Approvals.Common;

/// <summary>Who may decide approvals: admins, and the roles of <c>Approvals:ApproverRoles</c>. Read from the token's role claim.</summary>
public sealed class ApproverRoles(IOptions<ApprovalOptions> options)
{
    private readonly HashSet<Role> _roles =
    [
        Role.Admin,
        .. options.Value.ApproverRoles.Select(name => RolePermissions.TryParseRole(name, out var role) ? role : Role.Admin),
    ];

    public bool Includes(Role role) => _roles.Contains(role);
}
