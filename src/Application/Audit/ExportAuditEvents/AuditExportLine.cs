namespace Orchestrator.Application.Audit.ExportAuditEvents;

/// <summary>One exported event: the fields the list shows plus its place in the hash chain, enough to recompute the hash.</summary>
public sealed record AuditExportLine(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid? UserId,
    string Action,
    Guid? ResourceId,
    string Outcome,
    string? ClientIp,
    string? CorrelationId,
    string Details,
    long? ChainSequence,
    string? PreviousHash,
    string? Hash);
