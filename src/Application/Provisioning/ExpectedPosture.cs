using System.Globalization;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// The one source of the value each enforced security setting must have: the Aws providers pair these with what
/// they read back, the Sandbox reports them as read, and a plan shows them with nothing read yet, so a plan and a
/// create cannot disagree (docs/decisions/0027-plans-and-visible-quotas.md).
/// </summary>
public static class ExpectedPosture
{
    private const string True = "true";
    private const string False = "false";

    /// <summary>IMDSv2 only with a hop limit of 1, an encrypted root volume, no public address, no group open to the internet, volumes tagged.</summary>
    public static IReadOnlyList<PostureSetting> Ec2() =>
    [
        new(PostureSettings.Ec2.ImdsV2Required, True, null),
        new(PostureSettings.Ec2.MetadataHopLimit, "1", null),
        new(PostureSettings.Ec2.RootVolumeEncrypted, True, null),
        new(PostureSettings.Ec2.PublicIp, False, null),
        new(PostureSettings.Ec2.SecurityGroupsOpenToInternet, False, null),
        new(PostureSettings.Ec2.VolumesTagged, True, null),
    ];

    /// <summary>Block Public Access (all four), SSE-S3, versioning unless the spec turned it off, TLS only, ACLs off.</summary>
    public static IReadOnlyList<PostureSetting> S3(bool versioning) =>
    [
        new(PostureSettings.S3.BlockPublicAccess, True, null),
        new(PostureSettings.S3.DefaultEncryption, "AES256", null),
        new(PostureSettings.S3.Versioning, versioning ? True : False, null),
        new(PostureSettings.S3.TlsOnlyPolicy, True, null),
        new(PostureSettings.S3.ObjectOwnership, "BucketOwnerEnforced", null),
    ];

    /// <summary>Encrypted, private, protected from deletion as the resource says, backups kept at least 7 days, tags copied to snapshots, the pinned engine version.</summary>
    public static IReadOnlyList<PostureSetting> Rds(string engineVersion, int backupRetentionDays, bool deletionProtection) =>
    [
        new(PostureSettings.Rds.StorageEncrypted, True, null),
        new(PostureSettings.Rds.PubliclyAccessible, False, null),
        new(PostureSettings.Rds.DeletionProtection, deletionProtection ? True : False, null),
        new(PostureSettings.Rds.BackupRetentionDays, Math.Max(backupRetentionDays, MinimumBackupRetentionDays).ToString(CultureInfo.InvariantCulture), null),
        new(PostureSettings.Rds.CopyTagsToSnapshot, True, null),
        new(PostureSettings.Rds.EngineVersion, engineVersion, null),
    ];

    /// <summary>The fewest days of automated backups any DB instance keeps.</summary>
    public const int MinimumBackupRetentionDays = 7;

    /// <summary>The expected settings with what the cloud said of each (a setting it said nothing of stays null).</summary>
    public static IReadOnlyList<PostureSetting> ReadAs(IReadOnlyList<PostureSetting> expected, IReadOnlyDictionary<string, string?> actual) =>
        [.. expected.Select(setting => setting with { Actual = actual.GetValueOrDefault(setting.Setting) })];
}
