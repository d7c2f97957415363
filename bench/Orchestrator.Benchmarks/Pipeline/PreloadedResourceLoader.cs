using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Benchmarks.Pipeline;

/// <summary>
/// The resource policy behavior's loader answered from memory: one resource owned by the probe's caller, so the
/// behavior decides access as it does for a real request, without the database (measured on its own in
/// <see cref="ResourceLoadBenchmarks"/>).
/// </summary>
public sealed class PreloadedResourceLoader(Guid ownerId) : IResourceLoader
{
    public static readonly Guid ResourceId = Guid.CreateVersion7();

    private readonly Task<Resource?> _resource = Task.FromResult<Resource?>(Resource.Create(
        ResourceId, "bucket01", ResourceType.S3, "eu-west-2", new Dictionary<string, string>(), new ResourceSpec(), ownerId, DateTimeOffset.UtcNow));

    public Task<Resource?> FindAsync(Guid id, bool forChange, CancellationToken cancellationToken) =>
        id == ResourceId ? _resource : Task.FromResult<Resource?>(null);

    public async Task<List<Resource>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        ids.Contains(ResourceId) ? [(await _resource)!] : [];
}
