namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// The Lua scripts behind <see cref="RedisLimiterStore"/>. Each runs atomically on the server in one round
/// trip and reads the server's clock (<c>TIME</c>), so every instance judges by the same time.
/// </summary>
internal static class LimiterScripts
{
    /// <summary>Marks a rate check in <see cref="RequestChecks"/>' arguments.</summary>
    public const string RateCheckKind = "r";

    /// <summary>Marks a revocation check in <see cref="RequestChecks"/>' arguments.</summary>
    public const string RevocationCheckKind = "v";

    /// <summary>
    /// The checks of one <see cref="RedisCheckBatcher"/> batch, one answer each, in the order sent. A rate check takes
    /// one key (the GCRA's TAT in microseconds) and ARGV <c>r, interval (µs), permits, requests</c>: it admits as
    /// many of the requests as the GCRA allows, one after another, stores the TAT once and answers
    /// {now, the TAT it started from} (µs), from which the caller replays each request's decision. A revocation
    /// check takes two keys (the token id's deny-list entry, the user's token version) and ARGV
    /// <c>v, the token's version</c>; it answers 1 when the token is revoked.
    /// </summary>
    public const string RequestChecks = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local answers = {}
        local k, a = 1, 1
        while a <= #ARGV do
          if ARGV[a] == 'r' then
            local interval = tonumber(ARGV[a + 1])
            local capacity = interval * tonumber(ARGV[a + 2])
            local requests = tonumber(ARGV[a + 3])
            local start = math.max(tonumber(redis.call('GET', KEYS[k])) or now, now)
            local tat = start
            local admitted = 0
            while admitted < requests and now >= tat + interval - capacity do
              tat = tat + interval
              admitted = admitted + 1
            end
            if admitted > 0 then
              redis.call('SET', KEYS[k], string.format('%.0f', tat), 'PX', math.ceil((tat - now) / 1000) + 1)
            end
            answers[#answers + 1] = {now, start}
            k, a = k + 1, a + 4
          else
            local revoked = redis.call('EXISTS', KEYS[k]) == 1
              or (tonumber(redis.call('GET', KEYS[k + 1])) or -1) > tonumber(ARGV[a + 1])
            answers[#answers + 1] = revoked and 1 or 0
            k, a = k + 2, a + 2
          end
        end
        return answers
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

    /// <summary>The entries of a sliding log within the window, by the server's clock; writes nothing. ARGV: window (µs).</summary>
    public const string SlidingLogCount = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        return redis.call('ZCOUNT', KEYS[1], '(' .. string.format('%.0f', now - tonumber(ARGV[1])), '+inf')
        """;

}
