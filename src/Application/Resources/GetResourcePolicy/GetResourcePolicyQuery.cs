using Mediator;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.GetResourcePolicy;

/// <summary>Read a resource's policy: its owner (with update permission) or an admin.</summary>
[RequiresPermission(Permission.Update)]
public sealed record GetResourcePolicyQuery(Guid ResourceId) : IQuery<VersionedResourcePolicy>, IResourceRequest
{
    public ResourceAction Action => ResourceAction.ManagePolicy;
}
