namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// The Lua scripts behind <see cref="RedisLimiterStore"/>. Each runs atomically on the server in one round
/// trip and reads the server's clock (<c>TIME</c>), so every instance judges by the same time.
/// </summary>
internal static class LimiterScripts
{
    /// <summary>GCRA. KEYS[1] holds the TAT in microseconds. ARGV: interval (µs), permits. Returns {allowed, remaining, resetAfter µs, retryAfter µs}.</summary>
    public const string Gcra = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local interval = tonumber(ARGV[1])
        local capacity = interval * tonumber(ARGV[2])
        local tat = tonumber(redis.call('GET', KEYS[1]) or now)
        if tat < now then tat = now end
        local nextTat = tat + interval
        local allowAt = nextTat - capacity
        if now < allowAt then
          return {0, 0, tat - now, allowAt - now}
        end
        redis.call('SET', KEYS[1], string.format('%.0f', nextTat), 'PX', math.ceil((nextTat - now) / 1000) + 1)
        return {1, math.floor((capacity - (nextTat - now)) / interval), nextTat - now, 0}
        """;

    /// <summary>Sliding log in a sorted set scored by µs. ARGV: limit, window (µs), entry. Returns {accepted, retryAfter µs}.</summary>
    public const string SlidingLogAppend = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) >= limit then
          local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
          local oldestAt = oldest[2] and tonumber(oldest[2]) or now
          return {0, oldestAt + window - now}
        end
        redis.call('ZADD', KEYS[1], now, ARGV[3])
        redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1)
        return {1, 0}
        """;

    /// <summary>Deletes the lease only when this holder still owns it (it may have expired and been taken).</summary>
    public const string ReleaseLease = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;
}
