using System.Net;
using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Application.Common.Admission;

/// <summary>
/// What is decided for every request before authentication finishes: the per-client-address rate limit and,
/// where a lookup is worth starting early, the bearer token's revocation answer. Process memory by default,
/// Redis when configured (both questions in one round trip).
/// </summary>
public interface IRequestAdmission
{
    /// <summary>The per-client-address limit every decision applies.</summary>
    RatePolicy Policy { get; }

    /// <summary>Decides on one request.</summary>
    /// <param name="clientAddress">
    /// The client's address, as the trusted-proxy rules resolved it (null when unknown). IPv6 clients are limited
    /// per network prefix, not per address.
    /// </param>
    /// <param name="bearerToken">
    /// The bearer token as sent, not yet validated (empty when there is none). An implementation may read its
    /// <c>jti</c>, <c>sub</c> and <c>ver</c> to prefetch the revocation answer; nothing here trusts it.
    /// </param>
    /// <param name="cancellationToken">The request's.</param>
    ValueTask<AdmissionDecision> AdmitAsync(IPAddress? clientAddress, ReadOnlyMemory<char> bearerToken, CancellationToken cancellationToken);
}
