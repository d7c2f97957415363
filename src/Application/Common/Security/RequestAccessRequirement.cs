using System.Reflection;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Common.Security;

/// <summary>
/// What a request type declares about who may send it, read once per type (a static generic cache),
/// so that no reflection runs per request.
/// </summary>
public static class RequestAccessRequirement<TRequest>
{
    public static readonly bool IsAnonymous =
        typeof(TRequest).GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null;

    public static readonly bool RequiresAuthentication =
        typeof(TRequest).GetCustomAttribute<RequiresAuthenticationAttribute>() is not null;

    public static readonly Permission? Permission =
        typeof(TRequest).GetCustomAttribute<RequiresPermissionAttribute>()?.Permission;
}
