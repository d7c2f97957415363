using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Resources;

namespace Orchestrator.UnitTests.Application.Fakes;

/// <summary>Satisfies the container for tests that must never load a resource; any use fails the test.</summary>
internal sealed class UnusedResourceLoader : IResourceLoader
{
    public Task<Resource?> FindAsync(Guid id, bool forChange, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This test must not load a resource.");

    public Task<List<Resource>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This test must not load a resource.");
}
