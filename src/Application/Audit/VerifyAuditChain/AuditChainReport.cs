namespace Orchestrator.Application.Audit.VerifyAuditChain;

/// <summary>Whether every audit event links to the one before it; <c>checked</c> counts the events read.</summary>
public sealed record AuditChainReport(bool Valid, long Checked, Guid? FirstBrokenEventId);
