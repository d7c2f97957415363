using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.DeleteResource;

/// <summary>Request deletion: the resource moves to <c>deleting</c> and is removed asynchronously. Repeating it is harmless.</summary>
[RequiresPermission(Permission.Delete)]
[StateConflict("`deletion-protected`: the resource's deletion protection is on (PATCH `deletionProtection: false` first), or it is forgotten.")]
public sealed record DeleteResourceCommand(Guid ResourceId, string? IfMatch) : ICommand<ResourceDto>, IResourceRequest, IOptimisticChange
{
    public ResourceAction Action => ResourceAction.Delete;
}
