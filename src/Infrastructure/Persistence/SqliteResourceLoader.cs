using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// The resource load on SQLite: a read goes through the prepared reader (no EF, no statement parsed per request);
/// a change loads through EF's compiled query, tracked, so that the handler's changes are saved.
/// </summary>
public sealed class SqliteResourceLoader(CompiledResourceLoader compiled, PreparedSqliteResourceReader reader) : IResourceLoader
{
    public Task<Resource?> FindAsync(Guid id, bool forChange, CancellationToken cancellationToken) =>
        forChange ? compiled.FindAsync(id, forChange, cancellationToken) : reader.FindAsync(id, cancellationToken);
}
