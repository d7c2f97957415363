using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Audit.ListAuditEvents;

/// <summary>
/// One page of the audit log, newest first (admin). The filters are named so, not "ResourceId": this reads the log, it
/// does not act on a resource. With a <paramref name="Cursor"/> (the <c>nextCursor</c> of the page before) the page is
/// the events after that one's last, found by a seek instead of an offset, and nothing is counted.
/// </summary>
[RequiresPermission(Permission.ReadAudit)]
public sealed record ListAuditEventsQuery(
    Guid? UserIdFilter,
    Guid? ResourceIdFilter,
    string? Action,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int Page = 1,
    int PageSize = ListAuditEventsQuery.DefaultPageSize,
    string? Cursor = null) : IQuery<AuditEventPage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxPage = 1_000_000;
}

public sealed record AuditEventDto(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid? UserId,
    string Action,
    Guid? ResourceId,
    string Outcome,
    string? ClientIp,
    string? CorrelationId,
    string Details);

/// <summary>
/// A page of audit events. <paramref name="Page"/> and <paramref name="TotalCount"/> answer a page number and are null
/// for a cursor; <paramref name="NextCursor"/> reads on after this page, null on the last.
/// </summary>
public sealed record AuditEventPage(IReadOnlyList<AuditEventDto> Items, int? Page, int PageSize, int? TotalCount, string? NextCursor);
