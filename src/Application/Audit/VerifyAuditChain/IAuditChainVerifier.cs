namespace Orchestrator.Application.Audit.VerifyAuditChain;

/// <summary>Recomputes the audit hash chain where the events are stored.</summary>
public interface IAuditChainVerifier
{
    Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken);
}
