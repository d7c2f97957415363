using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Audit;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.Infrastructure.Auditing;

/// <summary>Writes events that are not part of a data change (denials, logins) straight to the audit table.</summary>
/// <remarks>
/// The permission and resource-policy behaviors take this log on every request and write to it only when they
/// deny, so the database context is resolved (rented from the pool) when an event is written, not before.
/// </remarks>
public sealed class DatabaseAuditLog(IServiceProvider services, ICurrentUser currentUser, TimeProvider clock) : IAuditLog
{
    public async Task RecordAsync(string action, AuditOutcome outcome, Guid? resourceId, string details, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var requestContext = services.GetRequiredService<IRequestContext>();
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
