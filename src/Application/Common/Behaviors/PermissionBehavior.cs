using Mediator;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Telemetry;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Common.Behaviors;

/// <summary>
/// Role-based access control, from the request type's declaration alone. A request type that declares
/// nothing is refused (fail closed); an architecture test keeps that from reaching production.
/// </summary>
public sealed class PermissionBehavior<TMessage, TResponse>(ICurrentUser currentUser, IAuditLog auditLog) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string RequestName = typeof(TMessage).Name;

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        OrchestratorTelemetry.Step("permission");
        if (RequestAccessRequirement<TMessage>.IsAnonymous)
        {
            return next(message, cancellationToken);
        }

        if (!currentUser.IsAuthenticated)
        {
            throw new UnauthenticatedException();
        }

        if (RequestAccessRequirement<TMessage>.RequiresAuthentication)
        {
            return next(message, cancellationToken);
        }

        var permission = RequestAccessRequirement<TMessage>.Permission;
        return permission is not null && RolePermissions.Grants(currentUser.Role, permission.Value)
            ? next(message, cancellationToken)
            : DenyAsync(permission, cancellationToken);
    }

    // Kept apart so that the allowed path stays synchronous and allocation-free.
    private async ValueTask<TResponse> DenyAsync(Permission? permission, CancellationToken cancellationToken)
    {
        var needed = permission?.ToString().ToLowerInvariant() ?? "undeclared";
        await auditLog.RecordAsync(
            "access.denied", AuditOutcome.Denied, resourceId: null, $"request={RequestName} permission={needed}", cancellationToken);
        throw new ForbiddenException(permission is null
            ? "This operation declares no permission and is refused."
            : $"The role '{currentUser.Role.ToWireName()}' lacks the '{needed}' permission.");
    }
}
