using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Sandbox;

/// <summary>One resource type of the <see cref="SandboxCloud"/>.</summary>
public sealed class SandboxCloudProvider(ResourceType type, SandboxCloud cloud) : ICloudProvider
{
    public ResourceType Type => type;

    public Task<CloudProgress> CreateAsync(CloudResource resource, CancellationToken cancellationToken) =>
        cloud.CreateAsync(resource, cancellationToken);

    public Task<CloudProgress> DeleteAsync(CloudResource resource, CancellationToken cancellationToken) =>
        cloud.DeleteAsync(resource, cancellationToken);

    public Task ApplyTagsAsync(CloudResource resource, CancellationToken cancellationToken) =>
        cloud.ApplyTagsAsync(resource, cancellationToken);

    public Task MarkOrphanedAsync(CloudResource resource, CancellationToken cancellationToken) =>
        cloud.MarkOrphanedAsync(resource, cancellationToken);

    public Task ApplyDeletionProtectionAsync(CloudResource resource, CancellationToken cancellationToken) =>
        cloud.ApplyDeletionProtectionAsync(resource, cancellationToken);
}
