using Orchestrator.Application.Quotas.ListMyQuotas;

namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>What a create with the same body would do now, and why not when it would be refused.</summary>
/// <param name="Allowed">False when a deny guardrail breaks, the quota has no room, or a cloud check fails; a needed approval leaves it true.</param>
/// <param name="Resource">The resource as it would be created: every default and enforced setting filled in, nothing assigned by the creation (id, times).</param>
/// <param name="Guardrails">Every guardrail rule that applies to the caller and the type, each with its outcome.</param>
/// <param name="Quota">The caller's quota of this type as the create would meet it; read, not reserved.</param>
/// <param name="ApprovalRequired">True when a requireApproval rule breaks: the create would wait for an approver.</param>
/// <param name="EstimatedMonthlyCost">An indicative on-demand price from the shipped price table.</param>
/// <param name="CloudChecks">What the cloud was asked without creating anything: the network placement (ec2, rds) and, for ec2, a dry run of the launch.</param>
public sealed record ResourcePlanDto(
    bool Allowed,
    PlannedResourceDto Resource,
    IReadOnlyList<GuardrailOutcomeDto> Guardrails,
    QuotaDto Quota,
    bool ApprovalRequired,
    CostEstimateDto EstimatedMonthlyCost,
    IReadOnlyList<CloudCheckDto> CloudChecks);
