using Amazon.EC2;
using Amazon.EC2.Model;
using Orchestrator.Application.Provisioning;
using Ec2Tag = Amazon.EC2.Model.Tag;
using ResourceType = Orchestrator.Domain.Resources.ResourceType;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// EC2 instances through AWSSDK.EC2. RunInstances carries a client token derived from the resource id
/// and the instance is first looked up by its <c>orchestrator:resource-id</c> tag, so a repeated
/// create returns the first instance.
/// </summary>
public sealed class Ec2CloudProvider(AwsServiceClients clients) : ICloudProvider
{
    public ResourceType Type => ResourceType.Ec2;

    public async Task<CloudProgress> CreateAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var ec2 = clients.Ec2(resource.Region);
        var instance = await FindAsync(ec2, resource, cancellationToken);
        if (instance is null)
        {
            try
            {
                instance = await RunAsync(ec2, resource, cancellationToken);
            }
            catch (AmazonEC2Exception exception)
            {
                throw AwsErrors.Classify(exception, "RunInstances");
            }
        }

        var state = instance.State?.Name?.Value;
        if (state == InstanceStateName.Running)
        {
            return CloudProgress.Created(instance.InstanceId, AwsResourceOutputs.Of(instance), []);
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

    private static async Task<Instance> RunAsync(IAmazonEC2 ec2, CloudResource resource, CancellationToken cancellationToken)
    {
        var response = await ec2.RunInstancesAsync(
            new RunInstancesRequest
            {
                ImageId = resource.Spec.ImageId,
                InstanceType = InstanceType.FindValue(resource.Spec.InstanceType),
                MinCount = 1,
                MaxCount = 1,

                // Idempotency on AWS's side: the same token within the same account returns the same instance.
                ClientToken = resource.DeterministicName,
                TagSpecifications =
                [
                    new TagSpecification { ResourceType = Amazon.EC2.ResourceType.Instance, Tags = ToEc2Tags(resource.CloudTags()) },
                ],
            },
            cancellationToken);
        return response.Reservation.Instances[0];
    }

    private static List<Ec2Tag> ToEc2Tags(IReadOnlyDictionary<string, string> tags) =>
        tags.Select(tag => new Ec2Tag(tag.Key, tag.Value)).ToList();
}
