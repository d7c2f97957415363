using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.WebApi.Security;

/// <summary>The caller, read once per request from the validated token's <c>sub</c> and <c>role</c> claims.</summary>
public sealed class HttpCurrentUser : ICurrentUser
{
    public HttpCurrentUser(IHttpContextAccessor accessor)
    {
        var principal = accessor.HttpContext?.User;
        if (principal?.Identity?.IsAuthenticated == true
            && Guid.TryParse(principal.FindFirst(AccessTokenClaims.Subject)?.Value, out var userId)
            && RolePermissions.TryParseRole(principal.FindFirst(AccessTokenClaims.Role)?.Value, out var role))
        {
            IsAuthenticated = true;
            UserId = userId;
            Role = role;
        }
    }

    public bool IsAuthenticated { get; }

    public Guid UserId { get; }

    public Role Role { get; }
}
