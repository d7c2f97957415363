using System.Net;

namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>Resolves a host name to its addresses; a seam so tests can make a name change its answer (DNS rebinding).</summary>
public interface IHostAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
