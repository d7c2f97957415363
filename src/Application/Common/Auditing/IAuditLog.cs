using Orchestrator.Domain.Audit;

namespace Orchestrator.Application.Common.Auditing;

/// <summary>
/// Writes audit events that are not part of a data change (denials, logins) at once. Changes to
/// entities are audited from their domain events, in the same transaction as the change.
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(string action, AuditOutcome outcome, Guid? resourceId, string details, CancellationToken cancellationToken);
}
