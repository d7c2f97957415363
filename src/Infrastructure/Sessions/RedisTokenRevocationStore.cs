using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Admission;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Infrastructure.Limits;
using StackExchange.Redis;

namespace Orchestrator.Infrastructure.Sessions;

/// <summary>
/// Revocation state shared by every instance through Redis: a deny-list key per revoked token id
/// (expiring with the token) and a token-version key per user, read together in one round trip, batched with
/// other requests' checks (<see cref="RedisCheckBatcher"/>). The request admission prefetches the same lookup
/// with the rate check (<see cref="Admission.RedisRequestAdmission"/>).
/// Every write also goes to this instance's memory, which answers while Redis is unreachable.
/// </summary>
public sealed class RedisTokenRevocationStore(
    IConnectionMultiplexer redis,
    RedisCheckBatcher batcher,
    IOptions<RedisOptions> options,
    InMemoryTokenRevocationStore local,
    TimeProvider clock,
    ILogger<RedisTokenRevocationStore> logger) : ITokenRevocationStore
{
    // Versions only move forward, even when two instances write at once; every write renews the key's lifetime.
    private const string SetMaxScript = """
        local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
        if tonumber(ARGV[1]) > current then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        else
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 1
        """;

    /// <summary>
    /// How long a user's token version is kept: longer than any access token lives (<c>Jwt:AccessTokenMinutes</c> is
    /// at most 60, plus the clock skew), so when it goes no token of an older version is valid anyway, and every
    /// key this service writes expires by itself (docs/decisions/0020-bounded-limiter-memory.md).
    /// </summary>
    private static readonly TimeSpan VersionLifetime = TimeSpan.FromHours(2);

    private string Prefix => options.Value.KeyPrefix;

    // Asked after authentication when no prefetched answer stands for the validated token.
    public async ValueTask<bool> IsRevokedAsync(string jti, Guid userId, int tokenVersion, CancellationToken cancellationToken)
    {
        var token = new TokenRevocationKey(jti, userId, tokenVersion);
        var answers = await batcher.CheckAsync(null, CheckFor(token));
        return answers.Revoked ?? AnswerWithoutRedis(token, answers.Failure!);
    }

    /// <summary>The lookup of <paramref name="token"/>, for <see cref="RedisCheckBatcher"/>.</summary>
    public RedisRevocationCheck CheckFor(TokenRevocationKey token) =>
        new(JtiKey(token.Jti), VersionKey(token.UserId), token.TokenVersion);

    /// <summary>The answer when Redis gave none: this instance's copy, and a log line saying so.</summary>
    public bool AnswerWithoutRedis(TokenRevocationKey token, Exception failure)
    {
        if (failure is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis is unreachable; token revocation is checked against this instance's copy");
        }
        else
        {
            logger.LogError(failure, "Redis's answer to a revocation check could not be read; it is checked against this instance's copy");
        }

        return local.IsRevoked(token.Jti, token.UserId, token.TokenVersion);
    }

    public async ValueTask RevokeAsync(string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await local.RevokeAsync(jti, expiresAt, cancellationToken);
        var ttl = expiresAt - clock.GetUtcNow();
        if (ttl > TimeSpan.Zero)
        {
            await WriteAsync(() => redis.GetDatabase().StringSetAsync(JtiKey(jti), 1, ttl));
        }
    }

    public async ValueTask SetUserTokenVersionAsync(Guid userId, int tokenVersion, CancellationToken cancellationToken)
    {
        await local.SetUserTokenVersionAsync(userId, tokenVersion, cancellationToken);
        await WriteAsync(() => redis.GetDatabase().ScriptEvaluateAsync(
            SetMaxScript, [VersionKey(userId)], [tokenVersion, (long)VersionLifetime.TotalMilliseconds]));
    }

    /// <summary>
    /// The database holds the truth and is copied into Redis again at every start; a write Redis
    /// misses leaves other instances accepting the token until then, so it is logged loudly.
    /// </summary>
    private async Task WriteAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogError("Redis is unreachable; a revocation reached only this instance and the database");
        }
    }

    private string JtiKey(string jti) => $"{Prefix}revoked-jti:{jti}";

    private string VersionKey(Guid userId) => $"{Prefix}token-version:{userId:N}";
}
