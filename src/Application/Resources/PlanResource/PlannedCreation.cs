using Orchestrator.Application.Guardrails;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>
/// A plan's body as the guardrail subject builder reads a create's, so rules see the same document. The plan itself
/// is not an <see cref="IGuardrailRequest"/>: that marker puts the guardrail behavior (a 422) in front of a request.
/// </summary>
internal sealed record PlannedCreation(PlanResourceQuery Query) : IGuardrailRequest
{
    public string? Name => Query.Name;

    public string? Type => Query.Type;

    public string? Region => Query.Region;

    public IReadOnlyDictionary<string, string>? Tags => Query.Tags;

    public ResourceSpecDto? Spec => Query.Spec;

    public DateTimeOffset? ExpiresAt => Query.ExpiresAt;
}
