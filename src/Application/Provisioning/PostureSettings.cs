using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// The names of the security settings a resource's <c>posture</c> lists, per type: the one spelling both
/// the provider that reads them back from the cloud and the Sandbox that reports them use.
/// </summary>
public static class PostureSettings
{
    public static class Ec2
    {
        public const string ImdsV2Required = "imdsV2Required";
        public const string MetadataHopLimit = "metadataHopLimit";
        public const string RootVolumeEncrypted = "rootVolumeEncrypted";
        public const string PublicIp = "publicIp";
        public const string SecurityGroupsOpenToInternet = "securityGroupsOpenToInternet";
        public const string VolumesTagged = "volumesTagged";

        public static readonly IReadOnlyList<string> All =
            [ImdsV2Required, MetadataHopLimit, RootVolumeEncrypted, PublicIp, SecurityGroupsOpenToInternet, VolumesTagged];
    }

    public static class S3
    {
        public const string BlockPublicAccess = "blockPublicAccess";
        public const string DefaultEncryption = "defaultEncryption";
        public const string Versioning = "versioning";
        public const string TlsOnlyPolicy = "tlsOnlyPolicy";
        public const string ObjectOwnership = "objectOwnership";

        public static readonly IReadOnlyList<string> All =
            [BlockPublicAccess, DefaultEncryption, Versioning, TlsOnlyPolicy, ObjectOwnership];
    }

    public static class Rds
    {
        public const string StorageEncrypted = "storageEncrypted";
        public const string PubliclyAccessible = "publiclyAccessible";
        public const string DeletionProtection = "deletionProtection";
        public const string BackupRetentionDays = "backupRetentionDays";
        public const string CopyTagsToSnapshot = "copyTagsToSnapshot";
        public const string EngineVersion = "engineVersion";

        public static readonly IReadOnlyList<string> All =
            [StorageEncrypted, PubliclyAccessible, DeletionProtection, BackupRetentionDays, CopyTagsToSnapshot, EngineVersion];
    }

    /// <summary>The setting names a type's posture lists, in order.</summary>
    public static IReadOnlyList<string> For(ResourceType type) => type switch
    {
        ResourceType.Ec2 => Ec2.All,
        ResourceType.S3 => S3.All,
        ResourceType.Rds => Rds.All,
        _ => [],
    };
}
