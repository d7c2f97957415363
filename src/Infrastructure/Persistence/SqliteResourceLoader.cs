using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// The resource load on SQLite: a read goes through the prepared reader (no EF, no statement parsed per request);
/// a change loads through EF's compiled query, tracked, so that the handler's changes are saved. The EF loader
/// (and the database context it rents from the pool) is resolved only for a change.
/// </summary>
public sealed class SqliteResourceLoader(IServiceProvider services, PreparedSqliteResourceReader reader) : IResourceLoader
{
    public Task<Resource?> FindAsync(Guid id, bool forChange, CancellationToken cancellationToken) =>
        forChange
            ? services.GetRequiredService<CompiledResourceLoader>().FindAsync(id, forChange, cancellationToken)
            : reader.FindAsync(id, cancellationToken);

    public Task<List<Resource>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        reader.FindManyAsync(ids, cancellationToken);
}
