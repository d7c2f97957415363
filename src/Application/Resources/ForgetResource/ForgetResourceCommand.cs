using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.ForgetResource;

/// <summary>
/// Stop managing a resource without deleting it in the cloud: it becomes <c>forgotten</c> and is tagged
/// <c>orchestrator:orphaned=true</c> there. Admins only; the resource's policy still applies (as for delete).
/// </summary>
[RequiresPermission(Permission.ForgetResources)]
[StateConflict("The resource is being deleted or is deleted: there is nothing left to stop managing.")]
public sealed record ForgetResourceCommand(Guid ResourceId) : ICommand<ResourceDto>, IResourceRequest, IOptimisticChange
{
    public ResourceAction Action => ResourceAction.Delete;
}
