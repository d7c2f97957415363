using Mediator;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Telemetry;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Common.Behaviors;

/// <summary>
/// For requests about one resource: loads it once, decides access by its policy (404 when the caller
/// may not read it, so ids cannot be probed; 403 when they may read but not act), and hands the
/// loaded entity to the handler through <see cref="ResourceContext"/>.
/// </summary>
public sealed class ResourcePolicyBehavior<TMessage, TResponse>(
    IResourceLoader resources,
    ICurrentUser currentUser,
    ResourceContext resourceContext,
    IAuditLog auditLog) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage, IResourceRequest
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        OrchestratorTelemetry.Step("resource-policy");
        // A read only maps the entity, so it is not tracked; anything that changes it needs tracking.
        var resource = await resources.FindAsync(message.ResourceId, forChange: message.Action != ResourceAction.Read, cancellationToken);

        var decision = resource is null
            ? AccessDecision.Hidden
            : ResourceAccessPolicy.Decide(currentUser.UserId, currentUser.Role, resource, message.Action);

        if (resource is not null && decision != AccessDecision.Allowed)
        {
            await auditLog.RecordAsync(
                "access.denied",
                AuditOutcome.Denied,
                resource.Id,
                $"request={typeof(TMessage).Name} action={message.Action.ToString().ToLowerInvariant()} answer={(decision == AccessDecision.Hidden ? 404 : 403)}",
                cancellationToken);
        }

        switch (decision)
        {
            case AccessDecision.Hidden:
                throw new NotFoundException($"Resource '{message.ResourceId}' was not found.");
            case AccessDecision.Forbidden:
                throw new ForbiddenException(message.Action == ResourceAction.ManagePolicy
                    ? "Only the resource's owner (with update permission) or an admin may read or change its policy."
                    : $"You may not {message.Action.ToString().ToLowerInvariant()} this resource.");
        }

        resourceContext.Set(resource!);
        return await next(message, cancellationToken);
    }
}
