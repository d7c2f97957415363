using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.UpdateResource;

/// <summary>
/// Change a resource's tags (the whole set), expiry and deletion protection: each optional, at least one; a field
/// sent replaces that value, a field left out stays. <paramref name="IfMatch"/> is the client's If-Match header, if any.
/// </summary>
[RequiresPermission(Permission.Update)]
public sealed record UpdateResourceCommand(Guid ResourceId, IReadOnlyDictionary<string, string>? Tags, string? IfMatch)
    : ICommand<ResourceDto>, IResourceRequest, IOptimisticChange
{
    public ResourceAction Action => ResourceAction.Update;

    /// <summary>True when the body sent <c>expiresAt</c>, so that <c>null</c> (clear it) is told from absent (keep it).</summary>
    public bool ChangesExpiry { get; init; }

    /// <summary>The new expiry when <see cref="ChangesExpiry"/>; null clears it.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The new deletion protection; null keeps it.</summary>
    public bool? DeletionProtection { get; init; }

    /// <summary>True when the request changes anything at all.</summary>
    public bool ChangesSomething => Tags is not null || ChangesExpiry || DeletionProtection is not null;
}
