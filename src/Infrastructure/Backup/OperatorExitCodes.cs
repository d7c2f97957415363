namespace Orchestrator.Infrastructure.Backup;

/// <summary>What the backup and restore commands exit with (README, "Backup and restore").</summary>
public static class OperatorExitCodes
{
    public const int Done = 0;

    /// <summary>Something unexpected; the message says what.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the configuration is wrong (a missing option, an unreadable passphrase file, SQL Server).</summary>
    public const int Usage = 2;

    /// <summary>Restore only: an instance of the service is running on the data directory.</summary>
    public const int ServiceRunning = 3;

    /// <summary>Restore only: the file is not a backup, or is damaged or altered; nothing was changed.</summary>
    public const int Damaged = 4;

    /// <summary>Restore only: the passphrase is not the backup's; nothing was changed.</summary>
    public const int WrongPassphrase = 5;
}
