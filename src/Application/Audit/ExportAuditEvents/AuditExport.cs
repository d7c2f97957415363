namespace Orchestrator.Application.Audit.ExportAuditEvents;

/// <summary>The exported events, read from the database while they are written out, so memory stays bounded.</summary>
public sealed record AuditExport(IAsyncEnumerable<AuditExportLine> Events);
