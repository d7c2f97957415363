using Mapster;
using Mediator;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Guardrails;
using Orchestrator.Application.Provisioning;
using Orchestrator.Application.Quotas.ListMyQuotas;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>
/// Builds the resource a create would store (the same defaults, the same entity, the same mapping) without adding it
/// to the database, and asks each decision a create meets without its side effect: the quota is read, not reserved;
/// the guardrails are evaluated, not enforced; the placement and the cloud are asked read-only or dry-run questions (docs/decisions/0027-plans-and-visible-quotas.md).
/// </summary>
internal sealed class PlanResourceHandler(
    ICurrentUser currentUser,
    TimeProvider clock,
    IOptions<CloudCatalogOptions> catalog,
    ICloudPlacement placement,
    ICloudPreflight preflight,
    IExpectedPosture expectedPosture,
    IQuotaGate quotaGate,
    GuardrailSubjectBuilder guardrailSubjects,
    IGuardrailEvaluator guardrails,
    TypeAdapterConfig mapping) : IQueryHandler<PlanResourceQuery, ResourcePlanDto>
{
    public async ValueTask<ResourcePlanDto> Handle(PlanResourceQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var type = ResourceWireNames.ParseType(query.Type!);
        var spec = ResourceSpecDefaults.Complete(type, query.Spec, catalog.Value);

        // The id only names the dry run's launch (client token, tags); the entity is never tracked, so nothing is stored or audited.
        var resource = Resource.Create(
            Guid.CreateVersion7(now), query.Name!, type, query.Region!, query.Tags ?? new Dictionary<string, string>(), spec, currentUser.UserId, now,
            query.ExpiresAt, query.DeletionProtection);
        var planned = resource.Adapt<ResourceDto>(mapping).Adapt<PlannedResourceDto>(mapping) with
        {
            Id = null,
            CreatedAt = null,
            UpdatedAt = null,
            Outputs = null,
            Posture = [.. expectedPosture.For(type, spec, resource.DeletionProtection).Select(setting => new PostureSettingDto { Setting = setting.Setting, Expected = setting.Expected })],
        };

        // The subject a create's guardrail behavior builds, priced by the same estimator.
        var subject = guardrailSubjects.Build(new PlannedCreation(query));
        var verdict = await guardrails.EvaluateAsync(subject, cancellationToken);
        var checks = await CloudChecksAsync(resource, cancellationToken);
        var quota = await quotaGate.UsageAsync(currentUser.UserId, type, cancellationToken);
        var allowed = !verdict.Denied && quota.Remaining > 0 && checks.All(check => check.Passed);
        return new ResourcePlanDto(
            allowed,
            verdict.ApprovalRequired ? planned with { Status = ResourceWireNames.Of(ResourceStatus.AwaitingApproval) } : planned,
            [.. verdict.Results.Select(result => new GuardrailOutcomeDto(result.Rule, result.OutcomeName, result.Message))],
            QuotaDto.From(quota),
            verdict.ApprovalRequired,
            CostEstimateDto.From(subject.Cost),
            [.. checks.Select(CloudCheckDto.From)]);
    }

    /// <summary>The placement a create would refuse with 422 is a failed check here; without it nothing can be launched, so the dry run is not tried.</summary>
    private async Task<List<CloudCheck>> CloudChecksAsync(Resource resource, CancellationToken cancellationToken)
    {
        var checks = new List<CloudCheck>();
        if (resource.Type != ResourceType.S3)
        {
            var refusal = placement.RefusalFor(resource.Type, resource.Region);
            checks.Add(refusal is null
                ? new CloudCheck(CloudCheck.NetworkPlacement, Passed: true, $"A network is configured for {ResourceWireNames.Of(resource.Type)} resources in {resource.Region}.")
                : new CloudCheck(CloudCheck.NetworkPlacement, Passed: false, refusal));
            if (refusal is not null)
            {
                return checks;
            }
        }

        checks.AddRange(await preflight.CheckAsync(CloudResource.From(resource, providerId: null), cancellationToken));
        return checks;
    }
}
