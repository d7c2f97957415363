using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Guardrails;

namespace Orchestrator.Application.Guardrails;

/// <summary>
/// The newest stored version, read by number on every use (one indexed read) so that a change made through
/// another instance applies at once; the rules are loaded and compiled only when that number moves. Every creation asks,
/// so the read is an EF compiled query, per model (docs/decisions/0045-compiled-list-queries.md).
/// </summary>
internal sealed class StoredGuardrails(IApplicationDbContext db, GuardrailRuleSetCache cache) : ICurrentGuardrails
{
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, CancellationToken, Task<long?>>> Newest = [];

    public async ValueTask<GuardrailRuleSet> GetAsync(CancellationToken cancellationToken)
    {
        var context = (DbContext)db;
        var newestOf = Newest.GetValue(context.Model, static _ => EF.CompileAsyncQuery((DbContext db, CancellationToken _) =>
            db.Set<GuardrailDocumentVersion>().Max(v => (long?)v.Version)));
        var newest = await newestOf(context, cancellationToken) ?? 0;
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
