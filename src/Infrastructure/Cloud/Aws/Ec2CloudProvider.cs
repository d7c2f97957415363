using Amazon.EC2;
using Amazon.EC2.Model;
using Orchestrator.Application.Provisioning;
using Ec2Tag = Amazon.EC2.Model.Tag;
using ResourceType = Orchestrator.Domain.Resources.ResourceType;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// EC2 instances through AWSSDK.EC2. RunInstances carries a client token derived from the resource id
/// and the instance is first looked up by its <c>orchestrator:resource-id</c> tag, so a repeated
/// create returns the first instance. Every instance is launched secure by default (see <see cref="LaunchRequest"/>).
/// </summary>
public sealed class Ec2CloudProvider(AwsServiceClients clients, Ec2LaunchChecks checks) : ICloudProvider, ICloudDriftProvider
{
    /// <summary>DescribeInstances, DescribeVolumes, DescribeSecurityGroups.</summary>
    public const int DescribeCalls = 3;

    public ResourceType Type => ResourceType.Ec2;

    public int CallsPerDescribe => DescribeCalls;

    public async Task<CloudState> DescribeAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var ec2 = clients.Ec2(resource.Region);
        var instance = await FindAsync(ec2, resource, cancellationToken);
        if (instance is null || IsGone(instance))
        {
            return CloudState.Missing;
        }

        var posture = await Ec2Posture.ReadAsync(ec2, instance, resource.ResourceId, cancellationToken);
        var tags = (instance.Tags ?? [])
            .Where(tag => !tag.Key.StartsWith("aws:", StringComparison.Ordinal))
            .ToDictionary(tag => tag.Key, tag => tag.Value ?? string.Empty, StringComparer.Ordinal);
        return new CloudState(true, tags, posture);
    }

    /// <summary>
    /// Tags on the instance and its volumes, and the metadata options (IMDSv2, hop limit 1). The root volume's
    /// encryption, the public address and the security groups cannot change in place: they stay reported as drift.
    /// </summary>
    public async Task ReconcileAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var ec2 = clients.Ec2(resource.Region);
        var instance = await FindAsync(ec2, resource, cancellationToken);
        if (instance is null || IsGone(instance))
        {
            return;
        }

        await ApplyTagsAsync(resource, cancellationToken);
        var volumeIds = (instance.BlockDeviceMappings ?? []).Select(m => m.Ebs?.VolumeId).OfType<string>().ToList();
        try
        {
            if (volumeIds.Count > 0)
            {
                await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = volumeIds, Tags = ToEc2Tags(resource.CloudTags()) }, cancellationToken);
            }
        }
        catch (AmazonEC2Exception exception)
        {
            throw AwsErrors.Classify(exception, "CreateTags");
        }

        if (instance.MetadataOptions?.HttpTokens != HttpTokensState.Required || instance.MetadataOptions?.HttpPutResponseHopLimit != 1)
        {
            try
            {
                await ec2.ModifyInstanceMetadataOptionsAsync(
                    new ModifyInstanceMetadataOptionsRequest
                    {
                        InstanceId = instance.InstanceId,
                        HttpTokens = HttpTokensState.Required,
                        HttpPutResponseHopLimit = 1,
                        HttpEndpoint = InstanceMetadataEndpointState.Enabled,
                    },
                    cancellationToken);
            }
            catch (AmazonEC2Exception exception)
            {
                throw AwsErrors.Classify(exception, "ModifyInstanceMetadataOptions");
            }
        }
    }

    private static bool IsGone(Instance instance) =>
        instance.State?.Name?.Value is var state && (state == InstanceStateName.Terminated || state == InstanceStateName.ShuttingDown);

    public async Task<CloudProgress> CreateAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var ec2 = clients.Ec2(resource.Region);
        var instance = await FindAsync(ec2, resource, cancellationToken);
        // The checks before the launch label their own failures (DescribeImages, GetParameter...).
        instance ??= await RunAsync(ec2, resource, cancellationToken);

        var state = instance.State?.Name?.Value;
        if (state == InstanceStateName.Running)
        {
            var posture = await Ec2Posture.ReadAsync(ec2, instance, resource.ResourceId, cancellationToken);
            return CloudProgress.Created(instance.InstanceId, Ec2Posture.Outputs(instance), posture);
        }

        if (state == InstanceStateName.Pending)
        {
            return CloudProgress.InProgress(instance.InstanceId);
        }

        // Stopped or terminated instead of starting: the state reason (in the log) says why.
        throw AwsErrors.Refused(
            StoppedInstanceFailureCode(instance.StateReason?.Code),
            "RunInstances",
            new InvalidOperationException($"The instance {instance.InstanceId} is {state}: {instance.StateReason?.Code} {instance.StateReason?.Message}"));
    }

    /// <summary>The failure code of an instance that stopped instead of starting, from its state reason code (<c>Server.InsufficientInstanceCapacity</c>...).</summary>
    internal static string StoppedInstanceFailureCode(string? stateReasonCode) => stateReasonCode switch
    {
        null => CloudFailureCode.Internal,
        var code when code.Contains("Limit", StringComparison.Ordinal) => CloudFailureCode.LimitExceeded,
        var code when code.StartsWith("Server.", StringComparison.Ordinal) => CloudFailureCode.Unavailable,
        var code when code.Contains("KMS", StringComparison.Ordinal) => CloudFailureCode.AccessDenied,
        _ => CloudFailureCode.InvalidRequest,
    };

    public async Task<CloudProgress> DeleteAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var ec2 = clients.Ec2(resource.Region);
        var instance = await FindAsync(ec2, resource, cancellationToken);
        var state = instance?.State?.Name?.Value;
        if (instance is null || state == InstanceStateName.Terminated)
        {
            return CloudProgress.Done(instance?.InstanceId ?? resource.ProviderId);
        }

        if (state != InstanceStateName.ShuttingDown)
        {
            try
            {
                await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [instance.InstanceId] }, cancellationToken);
            }
            catch (AmazonEC2Exception exception)
            {
                throw AwsErrors.Classify(exception, "TerminateInstances");
            }
        }

        return CloudProgress.InProgress(instance.InstanceId);
    }

    public async Task ApplyTagsAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var ec2 = clients.Ec2(resource.Region);
        var instance = await FindAsync(ec2, resource, cancellationToken);
        if (instance is null)
        {
            return;
        }

        var wanted = resource.CloudTags();
        try
        {
            await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [instance.InstanceId], Tags = ToEc2Tags(wanted) }, cancellationToken);
        }
        catch (AmazonEC2Exception exception)
        {
            throw AwsErrors.Classify(exception, "CreateTags");
        }

        try
        {
            var removed = (instance.Tags ?? [])
                .Where(tag => !wanted.ContainsKey(tag.Key) && !tag.Key.StartsWith("aws:", StringComparison.Ordinal))
                .Select(tag => new Ec2Tag { Key = tag.Key })
                .ToList();
            if (removed.Count > 0)
            {
                await ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [instance.InstanceId], Tags = removed }, cancellationToken);
            }
        }
        catch (AmazonEC2Exception exception)
        {
            throw AwsErrors.Classify(exception, "DeleteTags");
        }
    }

    public async Task MarkOrphanedAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var ec2 = clients.Ec2(resource.Region);
        var instance = await FindAsync(ec2, resource, cancellationToken);
        if (instance is null)
        {
            return;
        }

        try
        {
            // CreateTags adds to the set: every other tag stays.
            await ec2.CreateTagsAsync(
                new CreateTagsRequest { Resources = [instance.InstanceId], Tags = [new Ec2Tag { Key = CloudResource.OrphanedTag, Value = "true" }] },
                cancellationToken);
        }
        catch (AmazonEC2Exception exception)
        {
            throw AwsErrors.Classify(exception, "CreateTags");
        }
    }

    /// <summary>EC2 instances have no deletion protection here (termination protection is not used).</summary>
    public Task ApplyDeletionProtectionAsync(CloudResource resource, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The resource's instance that is not terminated (or, failing that, a terminated one), by id when known, else by tag.</summary>
    private static async Task<Instance?> FindAsync(IAmazonEC2 ec2, CloudResource resource, CancellationToken cancellationToken)
    {
        var request = new DescribeInstancesRequest
        {
            Filters = [new Filter($"tag:{CloudResource.ResourceIdTag}", [resource.ResourceId.ToString()])],
        };
        DescribeInstancesResponse response;
        try
        {
            response = await ec2.DescribeInstancesAsync(request, cancellationToken);
        }
        catch (AmazonEC2Exception exception)
        {
            throw AwsErrors.Classify(exception, "DescribeInstances");
        }

        var instances = (response.Reservations ?? []).SelectMany(r => r.Instances ?? []).ToList();
        return instances.FirstOrDefault(i => i.State?.Name?.Value != InstanceStateName.Terminated) ?? instances.FirstOrDefault();
    }

    private async Task<Instance> RunAsync(IAmazonEC2 ec2, CloudResource resource, CancellationToken cancellationToken)
    {
        var request = await checks.LaunchRequestAsync(resource, cancellationToken);
        try
        {
            var response = await ec2.RunInstancesAsync(request, cancellationToken);
            return response.Reservation.Instances[0];
        }
        catch (AmazonEC2Exception exception)
        {
            throw AwsErrors.Classify(exception, "RunInstances");
        }
    }

    /// <summary>
    /// IMDSv2 only, with a hop limit of 1 (a container on the host cannot reach the credentials); an encrypted
    /// root volume; a private subnet without a public address and the configured security groups; the
    /// instance, its volumes and its network interface tagged as they are created.
    /// </summary>
    internal static RunInstancesRequest LaunchRequest(CloudResource resource, AwsNetworkPlacement placement, Image image, string instanceType)
    {
        var tags = ToEc2Tags(resource.CloudTags());
        return new RunInstancesRequest
        {
            ImageId = image.ImageId,
            InstanceType = InstanceType.FindValue(instanceType),
            MinCount = 1,
            MaxCount = 1,

            // Idempotency on AWS's side: the same token within the same account returns the same instance.
            ClientToken = resource.DeterministicName,
            MetadataOptions = new InstanceMetadataOptionsRequest
            {
                HttpEndpoint = InstanceMetadataEndpointState.Enabled,
                HttpTokens = HttpTokensState.Required,
                HttpPutResponseHopLimit = 1,
            },
            BlockDeviceMappings =
            [
                new BlockDeviceMapping
                {
                    DeviceName = image.RootDeviceName ?? "/dev/xvda",
                    Ebs = new EbsBlockDevice { Encrypted = true, DeleteOnTermination = true, VolumeSize = RootVolumeSize(image) },
                },
            ],
            NetworkInterfaces =
            [
                new InstanceNetworkInterfaceSpecification
                {
                    DeviceIndex = 0,
                    SubnetId = placement.SubnetIds[0],
                    Groups = [.. placement.SecurityGroupIds],
                    AssociatePublicIpAddress = false,
                    DeleteOnTermination = true,
                },
            ],
            TagSpecifications =
            [
                new TagSpecification { ResourceType = Amazon.EC2.ResourceType.Instance, Tags = tags },
                new TagSpecification { ResourceType = Amazon.EC2.ResourceType.Volume, Tags = tags },
                new TagSpecification { ResourceType = Amazon.EC2.ResourceType.NetworkInterface, Tags = tags },
            ],
        };
    }

    /// <summary>The image's own root volume size (a mapping that overrides the root device must name one).</summary>
    private static int RootVolumeSize(Image image) =>
        (image.BlockDeviceMappings ?? []).FirstOrDefault(m => m.DeviceName == image.RootDeviceName)?.Ebs?.VolumeSize is > 0 and var size ? size : 8;

    private static List<Ec2Tag> ToEc2Tags(IReadOnlyDictionary<string, string> tags) =>
        tags.Select(tag => new Ec2Tag(tag.Key, tag.Value)).ToList();
}
