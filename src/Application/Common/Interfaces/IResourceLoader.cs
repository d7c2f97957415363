using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Common.Interfaces;

/// <summary>
/// Loads resources by id with everything their authorization needs (tags and policy grants): one before every request
/// about one resource, the hottest query of the service, and a list page's rows once the page is chosen, so both are
/// precompiled or prepared where they are implemented.
/// </summary>
public interface IResourceLoader
{
    /// <summary>The resource, or null. Tracked when <paramref name="forChange"/>, so that the handler's changes are saved.</summary>
    Task<Resource?> FindAsync(Guid id, bool forChange, CancellationToken cancellationToken);

    /// <summary>
    /// The resources with these ids, untracked, in the order of <paramref name="ids"/>: a list page's rows once its
    /// ids are chosen. An id with no resource (forgotten since it was chosen) is left out.
    /// </summary>
    Task<List<Resource>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken);
}
