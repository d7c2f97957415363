using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Audit;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.Infrastructure.Auditing;

/// <summary>Writes events that are not part of a data change (denials, logins) straight to the audit table.</summary>
public sealed class DatabaseAuditLog(AppDbContext db, ICurrentUser currentUser, IRequestContext requestContext, TimeProvider clock) : IAuditLog
{
    public async Task RecordAsync(string action, AuditOutcome outcome, Guid? resourceId, string details, CancellationToken cancellationToken)
    {
        db.AuditEvents.Add(AuditEvent.Create(
            clock.GetUtcNow(),
            currentUser.IsAuthenticated ? currentUser.UserId : null,
            action,
            resourceId,
            outcome,
            requestContext.ClientIp,
            requestContext.CorrelationId,
            details));
        await db.SaveChangesAsync(cancellationToken);
    }
}
