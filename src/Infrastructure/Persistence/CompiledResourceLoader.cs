using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// The resource-by-id load as EF compiled queries: the LINQ tree is translated once instead of being walked,
/// hashed and looked up in the query cache on every request. One statement (tags and grants joined) rather
/// than the provider's default split into three: a resource has a handful of each, and on SQLite every
/// statement is parsed and planned again on each execution.
/// </summary>
public sealed class CompiledResourceLoader(AppDbContext db) : IResourceLoader
{
    // A compiled query serves one model only, and the model holds the field encryptor, so two hosts in one
    // process (tests) have two models: the queries are compiled per model. A service has exactly one.
    private static readonly ConditionalWeakTable<IModel, Queries> ByModel = [];

    public Task<Resource?> FindAsync(Guid id, bool forChange, CancellationToken cancellationToken)
    {
        var queries = ByModel.GetValue(db.Model, static _ => new Queries());
        return (forChange ? queries.ForChange : queries.ForRead)(db, id, cancellationToken);
    }

    public async Task<List<Resource>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var found = await db.Resources.AsNoTracking().AsSingleQuery()
            .Include(r => r.Tags)
            .Include(r => r.PolicyGrants)
            .Where(r => ids.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return [.. ids.Where(found.ContainsKey).Select(id => found[id])];
    }

    private sealed class Queries
    {
        public Func<AppDbContext, Guid, CancellationToken, Task<Resource?>> ForRead { get; } =
            EF.CompileAsyncQuery((AppDbContext context, Guid id, CancellationToken _) =>
                context.Resources.AsNoTracking().AsSingleQuery()
                    .Include(r => r.Tags)
                    .Include(r => r.PolicyGrants)
                    .FirstOrDefault(r => r.Id == id));

        public Func<AppDbContext, Guid, CancellationToken, Task<Resource?>> ForChange { get; } =
            EF.CompileAsyncQuery((AppDbContext context, Guid id, CancellationToken _) =>
                context.Resources.AsSingleQuery()
                    .Include(r => r.Tags)
                    .Include(r => r.PolicyGrants)
                    .FirstOrDefault(r => r.Id == id));
    }
}
