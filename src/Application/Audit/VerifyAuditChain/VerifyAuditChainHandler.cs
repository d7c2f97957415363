using Mediator;

namespace Orchestrator.Application.Audit.VerifyAuditChain;

internal sealed class VerifyAuditChainHandler(IAuditChainVerifier verifier) : IQueryHandler<VerifyAuditChainQuery, AuditChainReport>
{
    public async ValueTask<AuditChainReport> Handle(VerifyAuditChainQuery query, CancellationToken cancellationToken) =>
        await verifier.VerifyAsync(cancellationToken);
}
