using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Limits;
using Orchestrator.Application.Common.Telemetry;
using StackExchange.Redis;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// Limit state in Redis, shared by every instance. Each decision is one Lua script (one round trip).
/// Redis failures become <see cref="LimiterStoreUnavailableException"/>; while the connection is known to be
/// down it fails at once instead of waiting for a timeout.
/// </summary>
public sealed class RedisLimiterStore(
    IConnectionMultiplexer redis, RedisCheckBatcher batcher, IOptions<RedisOptions> options) : ILimiterStore
{
    private readonly string _prefix = options.Value.KeyPrefix;

    // Batched with other requests' checks (RedisCheckBatcher); the per-IP limit asks it through the request admission.
    public async ValueTask<RateDecision> AcquireRateAsync(string key, RatePolicy policy, CancellationToken cancellationToken)
    {
        ThrowIfUnreachable();

        var answers = await batcher.CheckAsync(new RedisRateCheck(_prefix + "rate:" + key, policy), null);
        if (answers.Rate is { } rate)
        {
            return rate;
        }

        OrchestratorMetrics.LimiterStoreUnavailable();
        throw Unavailable(answers.Failure!);
    }

    // Redis's failures as the port's exception; anything else (a reply that cannot be read) is a fault.
    private static Exception Unavailable(Exception failure) => failure is RedisException or TimeoutException
        ? new LimiterStoreUnavailableException("Redis did not answer.", failure)
        : new InvalidOperationException("Redis's answer to a rate check could not be read.", failure);

    public async ValueTask<SlidingLogDecision> TryAppendAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var entry = Guid.NewGuid().ToString("N");
        var result = await EvaluateAsync(LimiterScripts.SlidingLogAppend, "log:" + key, [limit, (long)window.TotalMicroseconds, entry]);
        var values = (long[])result!;
        return values[0] == 1
            ? new SlidingLogDecision(entry, TimeSpan.Zero)
            : new SlidingLogDecision(null, TimeSpan.FromMicroseconds(values[1]));
    }

    public async ValueTask<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync(LimiterScripts.SlidingLogCount, "log:" + key, [(long)window.TotalMicroseconds]);
        return (int)(long)result!;
    }

    public async ValueTask RemoveAsync(string key, string entry, CancellationToken cancellationToken) =>
        await RunAsync(() => redis.GetDatabase().SortedSetRemoveAsync(_prefix + "log:" + key, entry));

    // The multiplexer notices a lost connection at once on its socket; a decision that needs Redis finds out on its round trip.
    public void ThrowIfUnreachable()
    {
        if (!redis.IsConnected)
        {
            OrchestratorMetrics.LimiterStoreUnavailable();
            throw new LimiterStoreUnavailableException("Redis is not connected.");
        }
    }

    private Task<RedisResult> EvaluateAsync(string script, string key, RedisValue[] arguments) =>
        RunAsync(() => redis.GetDatabase().ScriptEvaluateAsync(script, [(RedisKey)(_prefix + key)], arguments));

    private async Task<T> RunAsync<T>(Func<Task<T>> command)
    {
        ThrowIfUnreachable();

        try
        {
            return await command();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            OrchestratorMetrics.LimiterStoreUnavailable();
            throw new LimiterStoreUnavailableException("Redis did not answer.", exception);
        }
    }
}
