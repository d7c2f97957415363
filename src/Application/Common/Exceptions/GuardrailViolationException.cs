using Orchestrator.Application.Guardrails;

namespace Orchestrator.Application.Common.Exceptions;

/// <summary>422: the request breaks one or more <c>deny</c> guardrail rules; every broken one is listed.</summary>
public sealed class GuardrailViolationException(IReadOnlyList<GuardrailRuleResult> violations)
    : Exception(violations.Count == 1
        ? $"The request breaks the guardrail rule '{violations[0].Rule}'."
        : $"The request breaks {violations.Count} guardrail rules: {string.Join(", ", violations.Select(v => v.Rule))}.")
{
    public IReadOnlyList<GuardrailRuleResult> Violations { get; } = violations;
}
