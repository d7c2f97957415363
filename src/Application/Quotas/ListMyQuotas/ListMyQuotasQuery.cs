using Mediator;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Quotas.ListMyQuotas;

/// <summary>The caller's own quotas, per resource type, read from the store creations consume; reading consumes nothing.</summary>
[RequiresAuthentication]
public sealed record ListMyQuotasQuery : IQuery<QuotaList>;
