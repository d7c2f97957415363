using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// The cloud side of one resource type. Every call is idempotent: the worker may repeat it after a
/// crash, a lost answer or a retry, and the cloud must end with one resource. A permanent refusal
/// throws <see cref="CloudOperationFailedException"/>; any other exception is treated as transient.
/// </summary>
public interface ICloudProvider
{
    ResourceType Type { get; }

    /// <summary>Creates the resource unless it exists, and reports whether it is ready (running, available).</summary>
    Task<CloudProgress> CreateAsync(CloudResource resource, CancellationToken cancellationToken);

    /// <summary>Deletes the resource unless it is gone, and reports whether it is gone.</summary>
    Task<CloudProgress> DeleteAsync(CloudResource resource, CancellationToken cancellationToken);

    /// <summary>Makes the cloud resource's tags equal to <see cref="CloudResource.CloudTags"/> (user tags removed in between go too).</summary>
    Task ApplyTagsAsync(CloudResource resource, CancellationToken cancellationToken);

    /// <summary>Adds <see cref="CloudResource.OrphanedTag"/> to the cloud resource, keeping its other tags; nothing when it is gone.</summary>
    Task MarkOrphanedAsync(CloudResource resource, CancellationToken cancellationToken);

    /// <summary>Makes the cloud's own deletion protection equal to <see cref="CloudResource.DeletionProtection"/> where the type has one (rds).</summary>
    Task ApplyDeletionProtectionAsync(CloudResource resource, CancellationToken cancellationToken);
}
