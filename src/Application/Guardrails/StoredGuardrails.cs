using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Application.Guardrails;

/// <summary>
/// The newest stored version, read by number on every use (one indexed read) so that a change made through
/// another instance applies at once; the rules are loaded and compiled only when that number moves.
/// </summary>
internal sealed class StoredGuardrails(IApplicationDbContext db, GuardrailRuleSetCache cache) : ICurrentGuardrails
{
    public async ValueTask<GuardrailRuleSet> GetAsync(CancellationToken cancellationToken)
    {
        var newest = await db.GuardrailDocumentVersions.AsNoTracking().MaxAsync(v => (long?)v.Version, cancellationToken) ?? 0;
        var cached = cache.Current;
        if (cached.Version == newest)
        {
            return cached;
        }

        var stored = await db.GuardrailDocumentVersions.AsNoTracking().SingleAsync(v => v.Version == newest, cancellationToken);
        var compilation = GuardrailRuleCompiler.Compile(GuardrailDocumentJson.Read(stored.RulesJson));
        if (!compilation.Succeeded)
        {
            // Every stored version compiled when it was accepted; failing closed beats evaluating part of a document.
            throw new InvalidOperationException($"Guardrail document version {newest} no longer compiles: {string.Join(" ", compilation.Errors.SelectMany(e => e.Value))}");
        }

        return cache.Offer(new GuardrailRuleSet(newest, compilation.Rules));
    }
}
