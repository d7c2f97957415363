namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>What every DB instance gets (<c>Cloud:Aws:Rds</c>).</summary>
public sealed class AwsRdsOptions
{
    /// <summary>The pinned engine version per engine: a request may only name an engine listed here, and gets this version.</summary>
    public Dictionary<string, string> EngineVersions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Days automated backups are kept; at least 7.</summary>
    public int BackupRetentionDays { get; set; } = 7;

    /// <summary>A customer-managed KMS key (id, alias or ARN) for the storage and snapshots; unset: the account's <c>aws/rds</c> key.</summary>
    public string? KmsKeyId { get; set; }

    /// <summary>A customer-managed KMS key for the Secrets Manager secret holding the master password; unset: <c>aws/secretsmanager</c>.</summary>
    public string? MasterUserSecretKmsKeyId { get; set; }

    /// <summary>The engine versions pinned when configuration names none (binding appends to a pre-filled dictionary, so they are applied after).</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultEngineVersions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["postgres"] = "16.4",
        ["mysql"] = "8.0.39",
        ["mariadb"] = "10.11.9",
    };

    public string? PinnedVersion(string engine) =>
        (EngineVersions.Count > 0 ? EngineVersions : DefaultEngineVersions).GetValueOrDefault(engine);
}
