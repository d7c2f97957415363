using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Resources;
using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>
/// Writes an outbox row for every audit row of a save that is a webhook event, in the same save: no event without its
/// change, no change without its event (decision 0031). Runs after the auditing interceptor, which adds the audit rows
/// of the save's domain events; standalone audit rows (a lockout, a refresh-token reuse) are saved the same way. The
/// event takes the audit row's id, so a save retried on the same context adds it once.
/// </summary>
public sealed class WebhookOutboxInterceptor(WebhookOutboxSignal signal) : SaveChangesInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> SavesWithEvents = [];
    private static readonly object Marker = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddOutboxEvents(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddOutboxEvents(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeWorker(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeWorker(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void AddOutboxEvents(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var added = context.ChangeTracker.Entries<AuditEvent>()
            .Where(entry => entry.State == EntityState.Added && AuditActionEventTypes.For(entry.Entity.Action) is not null)
            .Select(entry => entry.Entity)
            .ToList();
        if (added.Count == 0)
        {
            return;
        }

        var outbox = context.Set<WebhookEvent>();
        var written = context.ChangeTracker.Entries<WebhookEvent>().Select(entry => entry.Entity.Id).ToHashSet();
        Dictionary<Guid, EntityEntry<Resource>>? resources = null;
        foreach (var audit in added)
        {
            if (!written.Add(audit.Id))
            {
                continue;
            }

            EntityEntry<Resource>? resource = null;
            if (audit.ResourceId is { } resourceId)
            {
                resources ??= context.ChangeTracker.Entries<Resource>().ToDictionary(entry => entry.Entity.Id);
                resource = resources.GetValueOrDefault(resourceId);
            }

            var type = AuditActionEventTypes.For(audit.Action)!;
            var statusBefore = resource?.Property(r => r.Status).OriginalValue;
            outbox.Add(WebhookEvent.Create(audit.Id, type, audit.OccurredAt, WebhookPayloads.Build(audit, type, resource?.Entity, statusBefore)));
        }

        SavesWithEvents.AddOrUpdate(context, Marker);
    }

    private void WakeWorker(DbContext? context)
    {
        if (context is not null && SavesWithEvents.Remove(context))
        {
            signal.Notify();
        }
    }
}
