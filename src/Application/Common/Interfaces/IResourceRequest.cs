using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Common.Interfaces;

/// <summary>
/// A request about one existing resource. The resource-policy behavior loads the resource, decides
/// access (404 when the caller may not read it, 403 when they may read but not act) and hands the
/// loaded entity on through <see cref="ResourceContext"/>.
/// </summary>
public interface IResourceRequest
{
    Guid ResourceId { get; }

    ResourceAction Action { get; }
}
