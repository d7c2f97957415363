namespace Orchestrator.Infrastructure.Backup;

/// <summary>A backup file whose checksum and database hash were checked; its key section is still encrypted.</summary>
/// <param name="Path">The file.</param>
/// <param name="Header">Its header.</param>
/// <param name="Prefix">Magic, version, header length and header: the associated data of the key section.</param>
/// <param name="DatabaseOffset">Where the database section starts.</param>
/// <param name="Keys">The encrypted key section (ciphertext and tag), or null.</param>
public sealed record OpenedBackup(string Path, BackupHeader Header, byte[] Prefix, long DatabaseOffset, byte[]? Keys);
