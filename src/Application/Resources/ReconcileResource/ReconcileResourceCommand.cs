using Mediator;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.ReconcileResource;

/// <summary>
/// Put an active resource's tags and enforced security settings back as recorded, in the background (a reconcile
/// job); nothing is created or deleted. A resource that is not active is a conflict.
/// </summary>
[RequiresPermission(Permission.Update)]
public sealed record ReconcileResourceCommand(Guid ResourceId) : ICommand<ResourceDto>, IResourceRequest
{
    public ResourceAction Action => ResourceAction.Update;
}
