using Mediator;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Common.Behaviors;

/// <summary>
/// Role-based access control, from the request type's declaration alone. A request type that declares
/// nothing is refused (fail closed); an architecture test keeps that from reaching production.
/// </summary>
public sealed class PermissionBehavior<TMessage, TResponse>(ICurrentUser currentUser) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
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

        var permission = RequestAccessRequirement<TMessage>.Permission
            ?? throw new ForbiddenException("This operation declares no permission and is refused.");

        if (!RolePermissions.Grants(currentUser.Role, permission))
        {
            throw new ForbiddenException($"The role '{currentUser.Role.ToWireName()}' lacks the '{permission.ToString().ToLowerInvariant()}' permission.");
        }

        return next(message, cancellationToken);
    }
}
