using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// The per-client-IP limit. Decides on the shared store; while that store is unreachable it decides on
/// this instance's memory instead (each instance then admits up to the limit on its own), logs the switch
/// once, and returns to the shared store as soon as it answers again.
/// </summary>
public sealed class ClientRateLimiter(
    ILimiterStore store,
    InMemoryLimiterStore fallback,
    LimiterStoreStatus status,
    IOptions<RateLimitingOptions> options,
    ILogger<ClientRateLimiter> logger)
{
    private readonly RatePolicy _policy = options.Value.ToPolicy();

    public RatePolicy Policy => _policy;

    public async ValueTask<RateDecision> AcquireAsync(string clientAddress, CancellationToken cancellationToken)
    {
        var key = "ip:" + clientAddress;
        if (ReferenceEquals(store, fallback))
        {
            return await store.AcquireRateAsync(key, _policy, cancellationToken);
        }

        try
        {
            var decision = await store.AcquireRateAsync(key, _policy, cancellationToken);
            if (status.MarkShared())
            {
                logger.LogInformation("Limiter store reachable again; the per-IP limit is shared across instances");
            }

            return decision;
        }
        catch (LimiterStoreUnavailableException exception)
        {
            if (status.MarkFallback())
            {
                logger.LogWarning("Limiter store unreachable ({Reason}); the per-IP limit falls back to this instance's memory", exception.Message);
            }

            return await fallback.AcquireRateAsync(key, _policy, cancellationToken);
        }
    }
}
