using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// Degraded (not unhealthy) when Redis does not answer: the API still serves, with the per-IP limit per
/// instance and quota-checked creations refused until Redis is back.
/// </summary>
public sealed class RedisLimiterHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Degraded("Redis is not connected; per-IP limits are per instance and quota-checked creations are refused.");
        }

        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer; per-IP limits are per instance and quota-checked creations are refused.");
        }
    }
}
