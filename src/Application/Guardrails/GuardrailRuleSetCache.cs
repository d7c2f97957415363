namespace Orchestrator.Application.Guardrails;

/// <summary>
/// The last compiled document version, shared by every request of this process; replaced as soon as a request
/// sees a newer version number in the database (docs/decisions/0026-guardrails-as-json-schema.md).
/// </summary>
public sealed class GuardrailRuleSetCache
{
    private volatile GuardrailRuleSet _current = GuardrailRuleSet.ShippedDefault;

    public GuardrailRuleSet Current => _current;

    /// <summary>Keeps the newer of the cached set and <paramref name="candidate"/>, so a slow loader never brings back an older one.</summary>
    public GuardrailRuleSet Offer(GuardrailRuleSet candidate)
    {
        while (true)
        {
            var seen = _current;
            if (seen.Version >= candidate.Version)
            {
                return seen;
            }

            if (Interlocked.CompareExchange(ref _current, candidate, seen) == seen)
            {
                return candidate;
            }
        }
    }
}
