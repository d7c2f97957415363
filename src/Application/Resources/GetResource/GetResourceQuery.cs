using Mediator;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.GetResource;

[RequiresPermission(Permission.Read)]
public sealed record GetResourceQuery(Guid ResourceId) : IQuery<ResourceDto>, IResourceRequest
{
    public ResourceAction Action => ResourceAction.Read;
}
