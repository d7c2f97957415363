using Amazon.EC2;
using Amazon.EC2.Model;
using Orchestrator.Application.Provisioning;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>An instance's security settings and outputs as EC2 describes them (the instance, its volumes, its security groups).</summary>
internal static class Ec2Posture
{
    public static async Task<IReadOnlyList<PostureSetting>> ReadAsync(IAmazonEC2 ec2, Instance instance, Guid resourceId, CancellationToken cancellationToken)
    {
        var volumeIds = (instance.BlockDeviceMappings ?? []).Select(m => m.Ebs?.VolumeId).OfType<string>().ToList();
        List<Volume> volumes = [];
        try
        {
            if (volumeIds.Count > 0)
            {
                volumes = (await ec2.DescribeVolumesAsync(new DescribeVolumesRequest { VolumeIds = volumeIds }, cancellationToken)).Volumes ?? [];
            }
        }
        catch (AmazonEC2Exception exception)
        {
            throw AwsErrors.Classify(exception, "DescribeVolumes");
        }

        var root = volumes.FirstOrDefault(v => (v.Attachments ?? []).Any(a => a.Device == instance.RootDeviceName)) ?? volumes.FirstOrDefault();
        var groupIds = SecurityGroupIds(instance);
        var open = await Ec2LaunchChecks.OpenToInternetAsync(ec2, groupIds, cancellationToken);
        var tagged = volumes.Count > 0 && volumes.All(v => (v.Tags ?? []).Any(t => t.Key == CloudResource.ResourceIdTag && t.Value == resourceId.ToString()));
        return ExpectedPosture.ReadAs(ExpectedPosture.Ec2(), new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [PostureSettings.Ec2.ImdsV2Required] = Bool(instance.MetadataOptions?.HttpTokens == HttpTokensState.Required),
            [PostureSettings.Ec2.MetadataHopLimit] = instance.MetadataOptions?.HttpPutResponseHopLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [PostureSettings.Ec2.RootVolumeEncrypted] = root is null ? null : Bool(root.Encrypted == true),
            [PostureSettings.Ec2.PublicIp] = Bool(!string.IsNullOrEmpty(instance.PublicIpAddress)),
            [PostureSettings.Ec2.SecurityGroupsOpenToInternet] = Bool(open),
            [PostureSettings.Ec2.VolumesTagged] = Bool(tagged),
        });
    }

    public static IReadOnlyDictionary<string, string> Outputs(Instance instance) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ResourceOutputs.Ec2.InstanceId] = instance.InstanceId,
        [ResourceOutputs.Ec2.PrivateIpAddress] = instance.PrivateIpAddress ?? string.Empty,
        [ResourceOutputs.Ec2.SubnetId] = instance.SubnetId ?? string.Empty,
        [ResourceOutputs.Ec2.SecurityGroupId] = SecurityGroupIds(instance).FirstOrDefault() ?? string.Empty,
    };

    /// <summary>The instance's groups, else its network interfaces' (some emulators list them only there).</summary>
    private static List<string> SecurityGroupIds(Instance instance) =>
        instance.SecurityGroups is { Count: > 0 } groups
            ? [.. groups.Select(g => g.GroupId)]
            : [.. (instance.NetworkInterfaces ?? []).SelectMany(n => n.Groups ?? []).Select(g => g.GroupId).Distinct(StringComparer.Ordinal)];

    private static string Bool(bool value) => value ? "true" : "false";
}
