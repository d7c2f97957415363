using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Common.Security;

/// <summary>The role permission a request needs; checked by the permission behavior before anything else runs.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPermissionAttribute(Permission permission) : Attribute
{
    public Permission Permission { get; } = permission;
}
