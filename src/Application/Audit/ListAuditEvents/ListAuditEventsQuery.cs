using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Audit.ListAuditEvents;

/// <summary>One page of the audit log, newest first (admin). The filters are named so, not "ResourceId": this reads the log, it does not act on a resource.</summary>
[RequiresPermission(Permission.ReadAudit)]
public sealed record ListAuditEventsQuery(
    Guid? UserIdFilter,
    Guid? ResourceIdFilter,
    string? Action,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int Page = 1,
    int PageSize = ListAuditEventsQuery.DefaultPageSize) : IQuery<AuditEventPage>
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

public sealed record AuditEventPage(IReadOnlyList<AuditEventDto> Items, int Page, int PageSize, int TotalCount);
