using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Audit.VerifyAuditChain;

/// <summary>Walks the audit hash chain from its first event and reports the first one that does not link (admin).</summary>
[RequiresPermission(Permission.ReadAudit)]
public sealed record VerifyAuditChainQuery : IQuery<AuditChainReport>;
