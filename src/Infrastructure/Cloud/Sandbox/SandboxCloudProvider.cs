using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Sandbox;

/// <summary>One resource type of the <see cref="SandboxCloud"/>.</summary>
public sealed class SandboxCloudProvider(ResourceType type, SandboxCloud cloud) : ICloudProvider, ICloudDriftProvider
{
    public ResourceType Type => type;

    /// <summary>What the Aws provider's description of the type costs, so that the per-region budget is charged alike.</summary>
    public int CallsPerDescribe => AwsDescribeCalls(type);

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

    public Task<CloudState> DescribeAsync(CloudResource resource, CancellationToken cancellationToken) =>
        cloud.DescribeAsync(resource, CallsPerDescribe, cancellationToken);

    public Task ReconcileAsync(CloudResource resource, CancellationToken cancellationToken) =>
        cloud.ReconcileAsync(resource, cancellationToken);

    internal static int AwsDescribeCalls(ResourceType type) => type switch
    {
        ResourceType.Ec2 => Aws.Ec2CloudProvider.DescribeCalls,
        ResourceType.S3 => Aws.S3CloudProvider.DescribeCalls,
        _ => Aws.RdsCloudProvider.DescribeCalls,
    };
}
