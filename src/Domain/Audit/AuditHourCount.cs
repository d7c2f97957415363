namespace Orchestrator.Domain.Audit;

/// <summary>
/// How many audit events occurred in one hour (UTC), in one of <see cref="Slots"/> slices of them (by the event id's last
/// hexadecimal digit, so that writers on several SQL Server instances mostly change different rows; SQLite, one writer
/// at a time, keeps every event in slice 0). Kept by database triggers on the audit log in the transaction that writes
/// an event, so that a count of the log over a time range reads the whole hours inside it from these rows and only its
/// partial hours from the time index (docs/decisions/0043-audit-counts-kept-per-hour.md).
/// </summary>
public sealed class AuditHourCount
{
    public const int Slots = 16;

    /// <summary>The hour's start, UTC.</summary>
    public DateTimeOffset Hour { get; private set; }

    public int Slot { get; private set; }

    public long Count { get; private set; }
}
