using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Benchmarks.Pipeline;

/// <summary>The resource policy behavior takes a loader; the probe is not about a resource, so any use is a bug in the benchmark.</summary>
public sealed class UntouchedResourceLoader : IResourceLoader
{
    public Task<Resource?> FindAsync(Guid id, bool forChange, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The pipeline probe is not about a resource; the benchmark touched the resource loader.");
}
