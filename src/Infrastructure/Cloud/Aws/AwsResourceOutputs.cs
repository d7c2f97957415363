using System.Xml.Linq;
using Amazon.EC2.Model;
using Orchestrator.Application.Provisioning;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// A finished resource's <c>outputs</c>, read from what AWS answered about it: what the owner needs to reach it,
/// never a secret (for RDS, where the master password is kept, not the password).
/// </summary>
internal static class AwsResourceOutputs
{
    public static IReadOnlyDictionary<string, string> Of(Instance instance) => Present(
        (ResourceOutputs.Ec2.InstanceId, instance.InstanceId),
        (ResourceOutputs.Ec2.PrivateIpAddress, instance.PrivateIpAddress),
        (ResourceOutputs.Ec2.SubnetId, instance.SubnetId),
        (ResourceOutputs.Ec2.SecurityGroupId, instance.SecurityGroups?.FirstOrDefault()?.GroupId));

    public static IReadOnlyDictionary<string, string> OfBucket(string bucket, string region) => Present(
        (ResourceOutputs.S3.Bucket, bucket),
        (ResourceOutputs.S3.Arn, $"arn:aws:s3:::{bucket}"),
        (ResourceOutputs.S3.RegionalDomainName, $"{bucket}.s3.{region}.amazonaws.com"));

    /// <summary>From a <c>DBInstance</c> element of a DescribeDBInstances answer.</summary>
    public static IReadOnlyDictionary<string, string> OfDbInstance(XElement? instance, string? masterUserSecretArn)
    {
        var endpoint = instance?.Elements().FirstOrDefault(e => e.Name.LocalName == "Endpoint");
        var managedSecret = instance?.Elements().FirstOrDefault(e => e.Name.LocalName == "MasterUserSecret");
        return Present(
            (ResourceOutputs.Rds.Endpoint, RdsQueryClient.Child(endpoint, "Address")),
            (ResourceOutputs.Rds.Port, RdsQueryClient.Child(endpoint, "Port")),
            (ResourceOutputs.Rds.EngineVersion, RdsQueryClient.Child(instance, "EngineVersion")),
            (ResourceOutputs.Rds.MasterUserSecretArn, RdsQueryClient.Child(managedSecret, "SecretArn") ?? masterUserSecretArn));
    }

    private static Dictionary<string, string> Present(params (string Key, string? Value)[] values) =>
        values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
}
