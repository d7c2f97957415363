using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.RetryResource;

/// <summary>Take a failed creation back to <c>pending</c> with a new create job; any other state is a 409.</summary>
[RequiresPermission(Permission.Update)]
[StateConflict("The resource is not a failed creation (only `failed` resources whose creation failed can be retried).")]
public sealed record RetryResourceCommand(Guid ResourceId) : ICommand<ResourceDto>, IResourceRequest, IOptimisticChange
{
    public ResourceAction Action => ResourceAction.Update;
}
