namespace Orchestrator.Infrastructure.Backup;

/// <summary>
/// The JSON header of a backup file (docs/operating.md, "Backup and restore"): what the file holds and how to check it.
/// </summary>
/// <param name="CreatedAt">When the database was copied (UTC).</param>
/// <param name="DatabaseLength">Bytes of the SQLite database section.</param>
/// <param name="DatabaseSha256">SHA-256 of the database section, lower-case hex.</param>
/// <param name="SecretStore">The secret store of the service that was backed up (<c>Local</c> or <c>AwsSecretsManager</c>).</param>
/// <param name="Keys">The encrypted key section, or null when the file holds no keys.</param>
public sealed record BackupHeader(
    DateTimeOffset CreatedAt,
    long DatabaseLength,
    string DatabaseSha256,
    string SecretStore,
    EncryptedKeysHeader? Keys);
