namespace Orchestrator.WebApi.Errors;

/// <summary>One entry of a guardrail-violation problem's <c>violations</c>: the rule's id and its description.</summary>
public sealed record GuardrailViolation(string Rule, string Message);
