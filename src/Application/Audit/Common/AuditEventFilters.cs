using Orchestrator.Domain.Audit;

namespace Orchestrator.Application.Audit.Common;

/// <summary>The audit log's filters, shared by the list and the export so both select the same events.</summary>
internal static class AuditEventFilters
{
    public static IQueryable<AuditEvent> Matching(
        this IQueryable<AuditEvent> events, Guid? userId, Guid? resourceId, string? action, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (userId is { } user)
        {
            events = events.Where(e => e.UserId == user);
        }

        if (resourceId is { } resource)
        {
            events = events.Where(e => e.ResourceId == resource);
        }

        if (!string.IsNullOrEmpty(action))
        {
            events = events.Where(e => e.Action == action);
        }

        // Compared as UTC, as the events are stored: SQLite compares the stored values, in which a time's offset is a part.
        if (from?.ToUniversalTime() is { } start)
        {
            events = events.Where(e => e.OccurredAt >= start);
        }

        if (to?.ToUniversalTime() is { } end)
        {
            events = events.Where(e => e.OccurredAt <= end);
        }

        return events;
    }
}
