namespace Orchestrator.Application.Guardrails;

/// <summary>The newest version of the guardrail document, compiled (docs/decisions/0026-guardrails-as-json-schema.md).</summary>
public interface ICurrentGuardrails
{
    ValueTask<GuardrailRuleSet> GetAsync(CancellationToken cancellationToken);
}
