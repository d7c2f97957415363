using Microsoft.Extensions.Options;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>ec2 needs subnets and security groups, rds a DB subnet group and security groups, in <c>Cloud:Aws:Network:&lt;region&gt;</c>; s3 needs no network.</summary>
public sealed class AwsCloudPlacement(IOptionsMonitor<AwsCloudOptions> options) : ICloudPlacement
{
    public string? RefusalFor(ResourceType type, string region)
    {
        if (type == ResourceType.S3)
        {
            return null;
        }

        var placement = options.CurrentValue.PlacementIn(region);
        var placed = type switch
        {
            ResourceType.Ec2 => placement is { SubnetIds.Count: > 0, SecurityGroupIds.Count: > 0 },
            ResourceType.Rds => placement is { SecurityGroupIds.Count: > 0 } && !string.IsNullOrWhiteSpace(placement.DbSubnetGroupName),
            _ => false,
        };
        return placed
            ? null
            : $"No network is configured for {ResourceWireNamesOf(type)} resources in {region}, so none can be created there; "
                + "ask an operator to configure its private subnets and security groups, or choose another region.";
    }

    private static string ResourceWireNamesOf(ResourceType type) => type.ToString().ToLowerInvariant();
}
