using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.UpdateResourceTags;

/// <summary>Replace a resource's whole tag set. <paramref name="IfMatch"/> is the client's If-Match header, if any.</summary>
[RequiresPermission(Permission.Update)]
public sealed record UpdateResourceTagsCommand(Guid ResourceId, IReadOnlyDictionary<string, string>? Tags, string? IfMatch)
    : ICommand<ResourceDto>, IResourceRequest, IOptimisticChange
{
    public ResourceAction Action => ResourceAction.Update;
}
