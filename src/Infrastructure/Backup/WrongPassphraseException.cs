namespace Orchestrator.Infrastructure.Backup;

/// <summary>The passphrase given is not the one the backup's keys were encrypted under.</summary>
public sealed class WrongPassphraseException() : Exception("The passphrase is not the one this backup was made with.");
