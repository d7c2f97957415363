using System.Globalization;
using System.Xml.Linq;
using Orchestrator.Application.Provisioning;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// What every DB instance gets, sent explicitly on CreateDBInstance and read back for the posture:
/// encrypted storage, no public address, the configured DB subnet group and security groups, deletion
/// protection as the resource has it (on by default), backups kept at least 7 days, tags copied to snapshots, a pinned engine version, and the
/// master password generated and kept by RDS in Secrets Manager (never seen by this service).
/// </summary>
internal static class RdsInstanceSettings
{
    public static List<KeyValuePair<string, string>> CreateParameters(
        CloudResource resource, string identifier, string engine, string engineVersion, AwsNetworkPlacement placement, AwsCloudOptions options)
    {
        var rds = options.Rds;
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("DBInstanceIdentifier", identifier),
            new("DBInstanceClass", resource.Spec.InstanceClass ?? "db.t3.micro"),
            new("Engine", engine),
            new("EngineVersion", engineVersion),
            new("AllocatedStorage", (resource.Spec.AllocatedStorage ?? 20).ToString(CultureInfo.InvariantCulture)),
            new("MasterUsername", options.DbMasterUsername),
            new("ManageMasterUserPassword", "true"),
            new("StorageEncrypted", "true"),
            new("PubliclyAccessible", "false"),
            new("DBSubnetGroupName", placement.DbSubnetGroupName!),
            new("DeletionProtection", resource.DeletionProtection ? "true" : "false"),
            new("BackupRetentionPeriod", Math.Max(rds.BackupRetentionDays, ExpectedPosture.MinimumBackupRetentionDays).ToString(CultureInfo.InvariantCulture)),
            new("CopyTagsToSnapshot", "true"),
        };
        parameters.AddRange(placement.SecurityGroupIds.Select((id, index) =>
            new KeyValuePair<string, string>($"VpcSecurityGroupIds.VpcSecurityGroupId.{(index + 1).ToString(CultureInfo.InvariantCulture)}", id)));
        if (!string.IsNullOrWhiteSpace(rds.KmsKeyId))
        {
            parameters.Add(new("KmsKeyId", rds.KmsKeyId));
        }

        if (!string.IsNullOrWhiteSpace(rds.MasterUserSecretKmsKeyId))
        {
            parameters.Add(new("MasterUserSecretKmsKeyId", rds.MasterUserSecretKmsKeyId));
        }

        parameters.AddRange(RdsQueryClient.TagParameters(resource.CloudTags()));
        return parameters;
    }

    public static IReadOnlyList<PostureSetting> Posture(XElement instance, IReadOnlyList<PostureSetting> expected) =>
        ExpectedPosture.ReadAs(expected, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [PostureSettings.Rds.StorageEncrypted] = Lower(RdsQueryClient.Child(instance, "StorageEncrypted")),
            [PostureSettings.Rds.PubliclyAccessible] = Lower(RdsQueryClient.Child(instance, "PubliclyAccessible")),
            [PostureSettings.Rds.DeletionProtection] = Lower(RdsQueryClient.Child(instance, "DeletionProtection")),
            [PostureSettings.Rds.BackupRetentionDays] = RdsQueryClient.Child(instance, "BackupRetentionPeriod"),
            [PostureSettings.Rds.CopyTagsToSnapshot] = Lower(RdsQueryClient.Child(instance, "CopyTagsToSnapshot")),
            [PostureSettings.Rds.EngineVersion] = RdsQueryClient.Child(instance, "EngineVersion"),
        });

    public static IReadOnlyDictionary<string, string> Outputs(XElement instance)
    {
        var endpoint = instance.Descendants().FirstOrDefault(e => e.Name.LocalName == "Endpoint");
        var secret = instance.Descendants().FirstOrDefault(e => e.Name.LocalName == "MasterUserSecret");
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ResourceOutputs.Rds.Endpoint] = RdsQueryClient.Child(endpoint, "Address") ?? string.Empty,
            [ResourceOutputs.Rds.Port] = RdsQueryClient.Child(endpoint, "Port") ?? string.Empty,
            [ResourceOutputs.Rds.EngineVersion] = RdsQueryClient.Child(instance, "EngineVersion") ?? string.Empty,
            [ResourceOutputs.Rds.MasterUserSecretArn] = RdsQueryClient.Child(secret, "SecretArn") ?? string.Empty,
        };
    }

    /// <summary>The security group ids the instance is in, as RDS describes them.</summary>
    public static IReadOnlyList<string> SecurityGroupIds(XElement instance) =>
        [.. instance.Descendants().Where(e => e.Name.LocalName == "VpcSecurityGroupId").Select(e => e.Value)];

    private static string? Lower(string? value) => value?.ToLowerInvariant();
}
