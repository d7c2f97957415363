using System.Globalization;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Sandbox;

/// <summary>
/// What a finished Sandbox creation reports: outputs of the shape an AWS resource has (with plausible, made-up
/// ids derived from the resource id) and every enforced posture setting as it should be, so that the embedded
/// default shows users what the Aws provider gives them.
/// </summary>
internal static class SandboxCloudReport
{
    // The documentation account id AWS uses in its examples: the Sandbox has no account.
    private const string AccountId = "123456789012";

    public static IReadOnlyDictionary<string, string> Outputs(CloudResource resource)
    {
        var hex = resource.ResourceId.ToString("N");
        var bytes = resource.ResourceId.ToByteArray();
        return resource.Type switch
        {
            ResourceType.Ec2 => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ResourceOutputs.Ec2.InstanceId] = $"i-{hex[^17..]}",
                [ResourceOutputs.Ec2.PrivateIpAddress] = string.Create(CultureInfo.InvariantCulture, $"10.0.{bytes[0]}.{Math.Max((int)bytes[1], 4)}"),
                [ResourceOutputs.Ec2.SubnetId] = $"subnet-{hex[..17]}",
                [ResourceOutputs.Ec2.SecurityGroupId] = $"sg-{hex[8..25]}",
            },
            ResourceType.S3 => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ResourceOutputs.S3.Bucket] = resource.DeterministicName,
                [ResourceOutputs.S3.Arn] = $"arn:aws:s3:::{resource.DeterministicName}",
                [ResourceOutputs.S3.RegionalDomainName] = $"{resource.DeterministicName}.s3.{resource.Region}.amazonaws.com",
            },
            _ => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ResourceOutputs.Rds.Endpoint] = $"{resource.DeterministicName}.{hex[..12]}.{resource.Region}.rds.amazonaws.com",
                [ResourceOutputs.Rds.Port] = IsMySql(resource) ? "3306" : "5432",
                [ResourceOutputs.Rds.EngineVersion] = EngineVersion(resource),
                [ResourceOutputs.Rds.MasterUserSecretArn] =
                    $"arn:aws:secretsmanager:{resource.Region}:{AccountId}:secret:rds-master-{hex}-{hex[^6..]}",
            },
        };
    }

    /// <summary>Every setting of the type's posture with its enforced value, read back as that value.</summary>
    public static IReadOnlyList<PostureSetting> Posture(CloudResource resource) =>
        [.. PostureSettings.For(resource.Type).Select(setting => Expected(resource, setting)).Select(e => new PostureSetting(e.Setting, e.Value, e.Value))];

    private static (string Setting, string Value) Expected(CloudResource resource, string setting) => (setting, setting switch
    {
        PostureSettings.Ec2.ImdsV2Required => "true",
        PostureSettings.Ec2.MetadataHopLimit => "1",
        PostureSettings.Ec2.RootVolumeEncrypted => "true",
        PostureSettings.Ec2.PublicIp => "false",
        PostureSettings.Ec2.SecurityGroupsOpenToInternet => "false",
        PostureSettings.Ec2.VolumesTagged => "true",
        PostureSettings.S3.BlockPublicAccess => "true",
        PostureSettings.S3.DefaultEncryption => "AES256",
        PostureSettings.S3.Versioning => resource.Spec.Versioning == false ? "false" : "true",
        PostureSettings.S3.TlsOnlyPolicy => "true",
        PostureSettings.S3.ObjectOwnership => "BucketOwnerEnforced",
        PostureSettings.Rds.StorageEncrypted => "true",
        PostureSettings.Rds.PubliclyAccessible => "false",
        PostureSettings.Rds.DeletionProtection => resource.DeletionProtection ? "true" : "false",
        PostureSettings.Rds.BackupRetentionDays => "7",
        PostureSettings.Rds.CopyTagsToSnapshot => "true",
        PostureSettings.Rds.EngineVersion => EngineVersion(resource),
        _ => "true",
    });

    private static bool IsMySql(CloudResource resource) =>
        resource.Spec.Engine is { } engine && engine.Contains("mysql", StringComparison.OrdinalIgnoreCase);

    private static string EngineVersion(CloudResource resource) => IsMySql(resource) ? "8.0.39" : "16.4";
}
