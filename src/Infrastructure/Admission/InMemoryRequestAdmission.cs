using System.Net;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Admission;
using Orchestrator.Application.Common.Limits;
using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.Infrastructure.Admission;

/// <summary>
/// The embedded default: the per-IP limit in this process's memory. Nothing is prefetched: the revocation store
/// is this process's memory too, and answers at once when asked after the token is validated.
/// </summary>
public sealed class InMemoryRequestAdmission(InMemoryLimiterStore limits, IOptions<RateLimitingOptions> options) : IRequestAdmission
{
    private readonly RatePolicy _policy = options.Value.ToPolicy();
    private readonly int _ipv6PrefixLength = options.Value.Ipv6PrefixLength;

    public RatePolicy Policy => _policy;

    public ValueTask<AdmissionDecision> AdmitAsync(IPAddress? clientAddress, ReadOnlyMemory<char> bearerToken, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new AdmissionDecision(limits.AcquireRate(RateKeys.ClientNetwork(clientAddress, _ipv6PrefixLength), _policy), null));
}
