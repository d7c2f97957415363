using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Common.Interfaces;

/// <summary>
/// Loads one resource with everything its authorization needs (tags and policy grants), by id: the hottest
/// query of the service, run before every request about one resource, so it is precompiled where it is implemented.
/// </summary>
public interface IResourceLoader
{
    /// <summary>The resource, or null. Tracked when <paramref name="forChange"/>, so that the handler's changes are saved.</summary>
    Task<Resource?> FindAsync(Guid id, bool forChange, CancellationToken cancellationToken);
}
