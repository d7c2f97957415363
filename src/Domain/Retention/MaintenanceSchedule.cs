namespace Orchestrator.Domain.Retention;

/// <summary>
/// One piece of scheduled maintenance (the retention purge, the approval expiry scan): when it is next due, and the lease of the instance running
/// it. Claimed, renewed and completed by conditional updates on <see cref="LeaseVersion"/>, so one instance at a time runs
/// it and a schedule survives restarts (docs/decisions/0033-backup-restore-and-retention.md).
/// </summary>
public sealed class MaintenanceSchedule
{
    /// <summary>The retention purge's row, created by the migration.</summary>
    public const string RetentionPurge = "retention-purge";

    /// <summary>The approval expiry scan's row, created by the migration.</summary>
    public const string ApprovalExpiry = "approval-expiry";

    /// <summary>The seeded due time: long past, so a new database purges on its first check.</summary>
    public static readonly DateTimeOffset FirstDue = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private MaintenanceSchedule()
    {
    }

    public string Name { get; private set; } = string.Empty;

    /// <summary>When the work is next due; while an instance runs it, when that instance's lease ends.</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>The fencing token: every claim increments it, and only the holder of the current value may renew or complete.</summary>
    public long LeaseVersion { get; private set; }

    public DateTimeOffset? LastCompletedAt { get; private set; }

    public static MaintenanceSchedule Seed(string name) => new() { Name = name, DueAt = FirstDue };
}
