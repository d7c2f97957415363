using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Admission;
using Orchestrator.Application.Common.Limits;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.Infrastructure.Security;
using Orchestrator.Infrastructure.Sessions;
using StackExchange.Redis;

namespace Orchestrator.Infrastructure.Admission;

/// <summary>
/// The per-IP limit shared by every instance through Redis, with the bearer token's revocation answer prefetched
/// in the same script call: one round trip per request, batched with concurrent requests' checks
/// (<see cref="RedisCheckBatcher"/>, decision 0012).
/// </summary>
/// <remarks>
/// While Redis does not answer, the limit is decided on this instance's memory instead (each instance then admits
/// up to the limit on its own), the switch is logged once, and the shared limit is back as soon as Redis answers;
/// the revocation answer comes from this instance's copy (<see cref="RedisTokenRevocationStore"/>).
/// </remarks>
public sealed class RedisRequestAdmission(
    RedisCheckBatcher batcher,
    RedisTokenRevocationStore revocations,
    InMemoryLimiterStore localLimits,
    LimiterStoreStatus status,
    IOptions<RateLimitingOptions> rateLimiting,
    IOptions<RedisOptions> redis,
    ILogger<RedisRequestAdmission> logger) : IRequestAdmission
{
    private readonly RatePolicy _policy = rateLimiting.Value.ToPolicy();
    private readonly int _ipv6PrefixLength = rateLimiting.Value.Ipv6PrefixLength;
    private readonly string _rateKeyPrefix = redis.Value.KeyPrefix + "rate:";

    public RatePolicy Policy => _policy;

    public ValueTask<AdmissionDecision> AdmitAsync(IPAddress? clientAddress, ReadOnlyMemory<char> bearerToken, CancellationToken cancellationToken)
    {
        // The same key in Redis and, when Redis fails, in this instance's memory.
        var clientNetwork = RateKeys.ClientNetwork(clientAddress, _ipv6PrefixLength);
        var rate = new RedisRateCheck(_rateKeyPrefix + clientNetwork, _policy);
        if (!UnvalidatedAccessTokenReader.TryReadRevocationKey(bearerToken.Span, out var token))
        {
            return DecideAsync(clientNetwork, null, batcher.CheckAsync(rate, null));
        }

        return DecideAsync(clientNetwork, token, batcher.CheckAsync(rate, revocations.CheckFor(token)));
    }

    private async ValueTask<AdmissionDecision> DecideAsync(string clientNetwork, TokenRevocationKey? token, Task<RedisCheckAnswers> checking)
    {
        var answers = await checking;
        RateDecision rate;
        if (answers.Rate is { } shared)
        {
            rate = shared;
            if (status.MarkShared())
            {
                logger.LogInformation("Limiter store reachable again; the per-IP limit is shared across instances");
            }
        }
        else
        {
            rate = FallBack(clientNetwork, answers.Failure!);
        }

        return new AdmissionDecision(
            rate,
            token is { } key ? new PrefetchedRevocation(key, answers.Revoked ?? revocations.AnswerWithoutRedis(key, answers.Failure!)) : null);
    }

    private RateDecision FallBack(string clientNetwork, Exception failure)
    {
        if (failure is not (RedisException or TimeoutException))
        {
            throw new InvalidOperationException("Redis's answer to a rate check could not be read.", failure);
        }

        if (status.MarkFallback())
        {
            var reason = failure is RedisConnectionException ? "Redis is not connected." : "Redis did not answer.";
            logger.LogWarning("Limiter store unreachable ({Reason}); the per-IP limit falls back to this instance's memory", reason);
        }

        return localLimits.AcquireRate(clientNetwork, _policy);
    }
}
