namespace Orchestrator.Infrastructure.Backup;

/// <summary>The backup file is not one, is truncated, or its checksum or authentication tag does not match its content.</summary>
public sealed class BackupFileDamagedException(string message) : Exception(message);
