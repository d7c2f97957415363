namespace Orchestrator.Application.Quotas.ListMyQuotas;

/// <summary>One entry per resource type, in the order ec2, s3, rds.</summary>
/// <param name="Items">The quotas.</param>
public sealed record QuotaList(IReadOnlyList<QuotaDto> Items);
