using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Approvals;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Auditing;

/// <summary>
/// Turns the domain events of every saved entity into audit rows in the same transaction, so no
/// change goes unaudited and no handler has to remember it; and keeps the audit table append-only.
/// </summary>
/// <remarks>
/// A singleton, so that the DbContext options are built once rather than per request: the actor and
/// the request's address come from the current HTTP request's services, and background work (no
/// request) is audited as the service itself.
/// </remarks>
public sealed class AuditingSaveChangesInterceptor(IHttpContextAccessor httpContextAccessor, TimeProvider clock)
    : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditEvents(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddAuditEvents(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddAuditEvents(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (context.ChangeTracker.Entries<AuditEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit events are append-only.");
        }

        var now = clock.GetUtcNow();
        var requestServices = httpContextAccessor.HttpContext?.RequestServices;
        var currentUser = requestServices?.GetService<ICurrentUser>();
        var requestContext = requestServices?.GetService<IRequestContext>();
        Guid? userId = currentUser is { IsAuthenticated: true } ? currentUser.UserId : null;
        var sources = context.ChangeTracker.Entries<IHasDomainEvents>()
            .Where(entry => entry.Entity.DomainEvents.Count > 0)
            .Select(entry => entry.Entity)
            .ToList();

        foreach (var source in sources)
        {
            var resourceId = source switch
            {
                Resource resource => resource.Id,
                Approval approval => approval.ResourceId,
                _ => (Guid?)null,
            };
            foreach (var domainEvent in source.DomainEvents)
            {
                context.Add(AuditEvent.Create(
                    now, userId, domainEvent.Action, resourceId, AuditOutcome.Success,
                    requestContext?.ClientIp, requestContext?.CorrelationId, domainEvent.Details));
            }

            source.ClearDomainEvents();
        }
    }
}
