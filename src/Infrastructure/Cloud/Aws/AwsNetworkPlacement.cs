namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>Where ec2 and rds resources go in one region (<c>Cloud:Aws:Network:&lt;region&gt;</c>): private subnets and security groups the operator made.</summary>
public sealed class AwsNetworkPlacement
{
    /// <summary>Private subnets for ec2 instances (the first is used); none: ec2 is refused in that region.</summary>
    public List<string> SubnetIds { get; set; } = [];

    /// <summary>Security groups for ec2 and rds; none may allow inbound traffic from the whole internet.</summary>
    public List<string> SecurityGroupIds { get; set; } = [];

    /// <summary>The DB subnet group (private subnets) for rds; unset: rds is refused in that region.</summary>
    public string? DbSubnetGroupName { get; set; }
}
