namespace Orchestrator.Domain.Audit;

/// <summary>
/// How many audit events name one user, in one of <see cref="AuditHourCount.Slots"/> slices of them (by the event id's last
/// hexadecimal digit, on SQL Server; SQLite keeps every event in slice 0). Kept by database triggers on the audit log in
/// the transaction that writes an event, so that the count of a list filtered by user alone reads these rows instead of
/// every event of that user (docs/decisions/0055-audit-counts-kept-per-user.md).
/// </summary>
public sealed class AuditUserCount
{
    public Guid UserId { get; private set; }

    public int Slot { get; private set; }

    public long Count { get; private set; }
}
