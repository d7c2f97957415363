using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Audit.ExportAuditEvents;

/// <summary>Every audit event matching the list's filters, oldest first, with its chain fields, for a SIEM (admin).</summary>
[RequiresPermission(Permission.ReadAudit)]
public sealed record ExportAuditEventsQuery(
    Guid? UserIdFilter,
    Guid? ResourceIdFilter,
    string? Action,
    DateTimeOffset? From,
    DateTimeOffset? To) : IQuery<AuditExport>;
