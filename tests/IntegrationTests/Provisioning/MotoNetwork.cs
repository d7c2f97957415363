using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Orchestrator.Infrastructure.Cloud.Aws;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>
/// The network an operator prepares before pointing the service at a region: a VPC with two private
/// subnets, a security group without inbound rules, and a DB subnet group, made in moto and handed to the
/// host as <c>Cloud:Aws:Network:&lt;region&gt;</c>.
/// </summary>
public sealed record MotoNetwork(string Region, string VpcId, IReadOnlyList<string> SubnetIds, string SecurityGroupId, string DbSubnetGroupName)
{
    public static async Task<MotoNetwork> CreateAsync(string url, AWSCredentials credentials, string region)
    {
        using var ec2 = new AmazonEC2Client(credentials, new AmazonEC2Config { ServiceURL = url, AuthenticationRegion = region });
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.20.0.0/16" })).Vpc.VpcId;
        var zones = (await ec2.DescribeAvailabilityZonesAsync(new DescribeAvailabilityZonesRequest())).AvailabilityZones.Select(z => z.ZoneName).Take(2).ToList();
        var subnets = new List<string>();
        for (var i = 0; i < zones.Count; i++)
        {
            var subnet = await ec2.CreateSubnetAsync(new CreateSubnetRequest
            {
                VpcId = vpc,
                CidrBlock = string.Create(CultureInfo.InvariantCulture, $"10.20.{i}.0/24"),
                AvailabilityZone = zones[i],
            });
            subnets.Add(subnet.Subnet.SubnetId);
        }

        var group = await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = $"orch-private-{Guid.NewGuid():N}",
            Description = "No inbound rules",
            VpcId = vpc,
        });
        var dbSubnetGroup = $"orch-db-{Guid.NewGuid():N}";
        var form = new List<KeyValuePair<string, string>>
        {
            new("DBSubnetGroupName", dbSubnetGroup),
            new("DBSubnetGroupDescription", "private subnets"),
        };
        form.AddRange(subnets.Select((id, index) => new KeyValuePair<string, string>(
            string.Create(CultureInfo.InvariantCulture, $"SubnetIds.SubnetIdentifier.{index + 1}"), id)));
        await Rds(url, credentials).CallAsync(region, "CreateDBSubnetGroup", form, CancellationToken.None);
        return new MotoNetwork(region, vpc, subnets, group.GroupId, dbSubnetGroup);
    }

    /// <summary>An RDS client outside any host, signing with the given credentials.</summary>
    public static RdsQueryClient Rds(string url, AWSCredentials credentials)
    {
#pragma warning disable CA2000 // The client owns its handlers for the rest of the test.
        var http = new HttpClient(new AwsSigV4Handler(credentials) { InnerHandler = new HttpClientHandler() });
#pragma warning restore CA2000
        return new RdsQueryClient(http, Options.Create(new AwsCloudOptions { ServiceUrl = url }));
    }

    /// <summary>The configuration that places ec2 and rds resources of <see cref="Region"/> in this network.</summary>
    public OrchestratorApiFactory PlaceIn(OrchestratorApiFactory factory)
    {
        var prefix = $"Cloud:Aws:Network:{Region}:";
        for (var i = 0; i < SubnetIds.Count; i++)
        {
            factory.With(string.Create(CultureInfo.InvariantCulture, $"{prefix}SubnetIds:{i}"), SubnetIds[i]);
        }

        return factory
            .With($"{prefix}SecurityGroupIds:0", SecurityGroupId)
            .With($"{prefix}DbSubnetGroupName", DbSubnetGroupName);
    }
}
