using Microsoft.AspNetCore.Mvc;
using Orchestrator.WebApi.Errors;

namespace Orchestrator.WebApi.Contracts;

/// <summary>The documented shape of a 422 <c>guardrail-violation</c>: a problem with every broken <c>deny</c> rule.</summary>
public sealed class GuardrailViolationProblem : ProblemDetails
{
    /// <summary>Each broken rule: its id and its description. Absent on the other 422 answers.</summary>
    public List<GuardrailViolation>? Violations { get; init; }
}
