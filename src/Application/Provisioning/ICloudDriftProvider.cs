using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// Reads one resource type back from the cloud for drift checks, and puts its tags and security settings back.
/// Neither call creates or deletes anything. Errors follow <see cref="ICloudProvider"/>: a permanent refusal throws
/// <see cref="CloudOperationFailedException"/>, anything else is transient.
/// </summary>
public interface ICloudDriftProvider
{
    ResourceType Type { get; }

    /// <summary>The cloud calls one <see cref="DescribeAsync"/> makes (what the per-region budget is charged).</summary>
    int CallsPerDescribe { get; }

    /// <summary>Whether the resource exists, its tags, and every enforced setting as the cloud reports it now.</summary>
    Task<CloudState> DescribeAsync(CloudResource resource, CancellationToken cancellationToken);

    /// <summary>Makes tags equal to <see cref="CloudResource.CloudTags"/> and every enforced setting that can change in place as required; does nothing when the resource is gone.</summary>
    Task ReconcileAsync(CloudResource resource, CancellationToken cancellationToken);
}
