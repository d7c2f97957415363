using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Common.Interfaces;

/// <summary>Per-request holder of the resource that the resource-policy behavior loaded and authorized.</summary>
public sealed class ResourceContext
{
    private Resource? _resource;

    public Resource Resource =>
        _resource ?? throw new InvalidOperationException("No resource was loaded for this request; it must implement IResourceRequest.");

    internal void Set(Resource resource) => _resource = resource;
}
