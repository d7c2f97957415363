using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.ReplaceResourcePolicy;

/// <summary>
/// Replace a resource's policy (an empty list clears it): its owner (with update permission) or an admin.
/// <paramref name="IfMatch"/> is the client's If-Match header, if any: the resource's ETag, as for a tag change.
/// </summary>
[RequiresPermission(Permission.Update)]
public sealed record ReplaceResourcePolicyCommand(Guid ResourceId, IReadOnlyList<PolicyStatementDto>? Statements, string? IfMatch = null)
    : ICommand<VersionedResourcePolicy>, IResourceRequest, IOptimisticChange
{
    public ResourceAction Action => ResourceAction.ManagePolicy;
}
