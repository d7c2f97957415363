using System.Net;
using Orchestrator.Infrastructure.Webhooks;

namespace Orchestrator.IntegrationTests.Webhooks;

/// <summary>
/// DNS under an attacker's control: <see cref="Name"/> resolves to a public address the first time (registration) and
/// to loopback after (delivery), the DNS-rebinding way around a check made on the name. Other names resolve as usual.
/// </summary>
public sealed class FlippingHostAddressResolver : IHostAddressResolver
{
    public const string Name = "rebind.example";

    private int _lookups;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (!string.Equals(host, Name, StringComparison.OrdinalIgnoreCase))
        {
            return Dns.GetHostAddressesAsync(host, cancellationToken);
        }

        return Task.FromResult(Interlocked.Increment(ref _lookups) == 1 ? [IPAddress.Parse("93.184.215.14")] : new[] { IPAddress.Loopback });
    }
}
