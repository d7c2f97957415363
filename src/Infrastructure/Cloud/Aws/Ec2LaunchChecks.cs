using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Provisioning;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// What is checked before RunInstances: the image exists in the resource's region and is allowed, the
/// instance type is offered there, and no security group to attach lets the whole internet in.
/// </summary>
public sealed class Ec2LaunchChecks(AwsServiceClients clients, IOptions<AwsCloudOptions> options, TimeProvider clock)
{
    private readonly CachedLookup<HashSet<string>> _offerings = new(clock, options.Value.LookupCacheDuration);
    private readonly CachedLookup<string> _defaultImages = new(clock, options.Value.LookupCacheDuration);

    /// <summary>
    /// The RunInstances request a create sends, after the checks before it (placement, security groups, instance
    /// type offered, image); a plan sends the same request with <c>DryRun</c>. A failed check throws its failure.
    /// </summary>
    public async Task<RunInstancesRequest> LaunchRequestAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var placement = PlacementMissing.Require(options.Value, resource.Region, "RunInstances", p => p.SubnetIds.Count > 0 && p.SecurityGroupIds.Count > 0);
        await RequireClosedToInternetAsync(resource.Region, placement.SecurityGroupIds, "RunInstances", cancellationToken);
        var instanceType = resource.Spec.InstanceType ?? "t3.micro";
        await RequireOfferedAsync(resource.Region, instanceType, cancellationToken);
        var image = await ImageAsync(resource.Region, resource.Spec.ImageId, cancellationToken);
        return Ec2CloudProvider.LaunchRequest(resource, placement, image, instanceType);
    }

    /// <summary>The image to launch: the requested one if allowed and present in the region, else the region's default.</summary>
    public async Task<Image> ImageAsync(string region, string? requested, CancellationToken cancellationToken)
    {
        var imageId = requested ?? await DefaultImageIdAsync(region, cancellationToken);
        DescribeImagesResponse described;
        try
        {
            described = await clients.Ec2(region).DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [imageId] }, cancellationToken);
        }
        catch (AmazonEC2Exception exception) when (exception.ErrorCode?.StartsWith("InvalidAMIID", StringComparison.Ordinal) == true)
        {
            throw ImageNotFound(exception);
        }
        catch (AmazonEC2Exception exception)
        {
            throw AwsErrors.Classify(exception, "DescribeImages");
        }

        var image = described.Images?.FirstOrDefault(i => i.ImageId == imageId) ?? throw ImageNotFound(null);
        if (requested is not null && !IsAllowed(image))
        {
            throw new CloudOperationFailedException(
                CloudFailureCode.ImageNotFound,
                "RunInstances",
                "RunInstances was not called: the requested image is not one this service may launch. Leave imageId out for the latest Amazon Linux 2023, or ask an operator to allow the image.");
        }

        return image;
    }

    /// <summary>Refuses an instance type the region does not offer (DescribeInstanceTypeOfferings, kept for a while).</summary>
    public async Task RequireOfferedAsync(string region, string instanceType, CancellationToken cancellationToken)
    {
        var offered = await _offerings.GetAsync(region, async () =>
        {
            var types = new HashSet<string>(StringComparer.Ordinal);
            string? next = null;
            do
            {
                DescribeInstanceTypeOfferingsResponse page;
                try
                {
                    page = await clients.Ec2(region).DescribeInstanceTypeOfferingsAsync(
                        new DescribeInstanceTypeOfferingsRequest { LocationType = LocationType.Region, NextToken = next }, cancellationToken);
                }
                catch (AmazonEC2Exception exception)
                {
                    throw AwsErrors.Classify(exception, "DescribeInstanceTypeOfferings");
                }

                types.UnionWith((page.InstanceTypeOfferings ?? []).Select(o => o.InstanceType.Value));
                next = page.NextToken;
            }
            while (!string.IsNullOrEmpty(next));
            return types;
        });
        if (!offered.Contains(instanceType))
        {
            throw new CloudOperationFailedException(
                CloudFailureCode.InvalidInstanceType,
                "RunInstances",
                $"RunInstances was not called: the instance type {instanceType} is not offered in this region. Choose another instance type or region.");
        }
    }

    /// <summary>Refuses security groups with an inbound rule from <c>0.0.0.0/0</c> or <c>::/0</c>.</summary>
    public async Task RequireClosedToInternetAsync(string region, IReadOnlyList<string> groupIds, string operation, CancellationToken cancellationToken)
    {
        if (await OpenToInternetAsync(clients.Ec2(region), groupIds, cancellationToken))
        {
            throw new CloudOperationFailedException(
                CloudFailureCode.InvalidRequest,
                operation,
                $"{operation} was not called: a security group configured for this region allows inbound traffic from the whole internet. Ask an operator to remove that rule or configure other groups, then retry the resource.");
        }
    }

    public static async Task<bool> OpenToInternetAsync(IAmazonEC2 ec2, IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        if (groupIds.Count == 0)
        {
            return false;
        }

        DescribeSecurityGroupsResponse groups;
        try
        {
            groups = await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [.. groupIds] }, cancellationToken);
        }
        catch (AmazonEC2Exception exception)
        {
            throw AwsErrors.Classify(exception, "DescribeSecurityGroups");
        }

        return (groups.SecurityGroups ?? []).SelectMany(g => g.IpPermissions ?? []).Any(rule =>
            (rule.Ipv4Ranges ?? []).Any(r => r.CidrIp == "0.0.0.0/0") || (rule.Ipv6Ranges ?? []).Any(r => r.CidrIpv6 == "::/0"));
    }

    private bool IsAllowed(Image image)
    {
        var images = options.Value.Images;
        var owners = images.EffectiveOwners();
        return images.AllowedImageIds.Contains(image.ImageId, StringComparer.Ordinal)
            || owners.Contains(image.OwnerId, StringComparer.Ordinal)
            || (image.ImageOwnerAlias is { } alias && owners.Contains(alias, StringComparer.Ordinal));
    }

    private Task<string> DefaultImageIdAsync(string region, CancellationToken cancellationToken)
    {
        if (options.Value.Images.DefaultImageIds.TryGetValue(region, out var configured))
        {
            return Task.FromResult(configured);
        }

        return _defaultImages.GetAsync(region, async () =>
        {
            try
            {
                var parameter = await clients.Ssm(region).GetParameterAsync(new GetParameterRequest { Name = options.Value.Images.DefaultParameter }, cancellationToken);
                return parameter.Parameter.Value;
            }
            catch (Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementException exception)
            {
                throw AwsErrors.Classify(exception, "GetParameter");
            }
        });
    }

    private static CloudOperationFailedException ImageNotFound(Exception? inner) => new(
        CloudFailureCode.ImageNotFound,
        "DescribeImages",
        "DescribeImages found no such image in this region (image ids differ per region). Leave imageId out for the latest Amazon Linux 2023, or name an image of this region.",
        inner);
}
