using Orchestrator.Application.Guardrails;

namespace Orchestrator.UnitTests.Application.Fakes;

/// <summary>A guardrail document held in memory (the shipped default unless a test sets one), so no database is touched.</summary>
internal sealed class FixedGuardrails(GuardrailRuleSet ruleSet) : ICurrentGuardrails
{
    public ValueTask<GuardrailRuleSet> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(ruleSet);
}
