namespace Orchestrator.Application.Guardrails;

/// <summary>The compiled rules of a document, or the errors (keyed by rule) that keep it from being one.</summary>
public sealed record GuardrailCompilation(IReadOnlyList<GuardrailRule> Rules, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
