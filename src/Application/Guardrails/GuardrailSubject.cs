using Orchestrator.Application.Pricing;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Guardrails;

/// <summary>
/// What a rule's schema sees, as the contract names it: <c>{name, type, region, tags, spec, expiresAt,
/// estimatedMonthlyCost, requester: {id, role}}</c>, with the spec's defaults filled in.
/// <see cref="GuardrailSubjectJson"/> writes it.
/// </summary>
public sealed record GuardrailSubject(
    string Name,
    ResourceType Type,
    string Region,
    IReadOnlyDictionary<string, string> Tags,
    ResourceSpec Spec,
    DateTimeOffset? ExpiresAt,
    CostEstimate Cost,
    GuardrailRequester Requester);
