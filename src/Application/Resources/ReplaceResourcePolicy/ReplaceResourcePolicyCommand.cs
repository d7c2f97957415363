using Mediator;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.ReplaceResourcePolicy;

/// <summary>Replace a resource's policy (an empty list clears it): its owner (with update permission) or an admin.</summary>
[RequiresPermission(Permission.Update)]
public sealed record ReplaceResourcePolicyCommand(Guid ResourceId, IReadOnlyList<PolicyStatementDto>? Statements)
    : ICommand<ResourcePolicyDto>, IResourceRequest
{
    public ResourceAction Action => ResourceAction.ManagePolicy;
}
