using System.Globalization;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// Limit state in this process (the embedded default, and the per-IP and login fallback while Redis is down).
/// The same algorithms as the Redis scripts, on <see cref="TimeProvider"/> time, under one lock.
/// </summary>
/// <remarks>
/// Clients choose keys (their address, any username), so memory is bounded: each key family (the text before the
/// first <c>:</c>: <c>ip</c>, <c>login</c>, <c>quota</c>) is a <see cref="LimiterKeyTable{TState}"/> of at most
/// <see cref="RateLimitingOptions.MaxKeysInMemory"/> keys, so a flood of one family cannot push out another's
/// (docs/decisions/0020-bounded-limiter-memory.md).
/// </remarks>
public sealed class InMemoryLimiterStore(TimeProvider clock, IOptions<RateLimitingOptions> options) : ILimiterStore
{
    private readonly int _capacity = options.Value.MaxKeysInMemory;
    private readonly Dictionary<string, LimiterKeyTable<long>> _rates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LimiterKeyTable<List<LogEntry>>> _logs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _lastEntryId;

    /// <summary>The keys held now, every family and the leases together.</summary>
    public int KeyCount
    {
        get
        {
            lock (_lock)
            {
                return _rates.Values.Sum(t => t.Count) + _logs.Values.Sum(t => t.Count);
            }
        }
    }

    /// <summary>The keys of one family held now (<c>ip</c>, <c>login</c>, <c>quota</c>).</summary>
    public int KeyCountOf(string family)
    {
        lock (_lock)
        {
            return (_rates.TryGetValue(family, out var rates) ? rates.Count : 0) + (_logs.TryGetValue(family, out var logs) ? logs.Count : 0);
        }
    }

    /// <summary>The most keys of one family this store holds.</summary>
    public int MaxKeysPerFamily => _capacity;

    public ValueTask<RateDecision> AcquireRateAsync(string key, RatePolicy policy, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AcquireRate(key, policy));

    /// <summary>The same decision, synchronously: this store never waits.</summary>
    public RateDecision AcquireRate(string key, RatePolicy policy)
    {
        var now = NowMicroseconds();
        lock (_lock)
        {
            // An absent key and an idle one (arrival time passed) decide alike: the full burst is there.
            var slot = TableOf(_rates, key).Use(key, now);
            var decision = Gcra.Decide(now, Math.Max(slot.State, now), policy, out var nextArrival);
            if (decision.Allowed)
            {
                slot.State = nextArrival;
            }

            slot.IdleFrom = slot.State;
            return decision;
        }
    }

    public ValueTask<SlidingLogDecision> TryAppendAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = NowMicroseconds();
        var windowMicroseconds = (long)window.TotalMicroseconds;
        lock (_lock)
        {
            var slot = TableOf(_logs, key).Use(key, now);
            var log = slot.State ??= [];
            var expired = 0;
            while (expired < log.Count && log[expired].At <= now - windowMicroseconds)
            {
                expired++;
            }

            log.RemoveRange(0, expired);
            if (log.Count >= limit)
            {
                var oldestAt = log.Count > 0 ? log[0].At : now;
                slot.IdleFrom = log.Count > 0 ? log[^1].At + windowMicroseconds : now;
                return ValueTask.FromResult(new SlidingLogDecision(null, TimeSpan.FromMicroseconds(oldestAt + windowMicroseconds - now)));
            }

            var id = ++_lastEntryId;
            log.Add(new LogEntry(id, now));
            slot.IdleFrom = now + windowMicroseconds;
            return ValueTask.FromResult(new SlidingLogDecision(id.ToString(CultureInfo.InvariantCulture), TimeSpan.Zero));
        }
    }

    public ValueTask<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var since = NowMicroseconds() - (long)window.TotalMicroseconds;
        lock (_lock)
        {
            // Find, not Use: a read neither makes a key nor moves it up the recently-used order.
            var log = TableOf(_logs, key).Find(key)?.State;
            return ValueTask.FromResult(log is null ? 0 : log.Count(e => e.At > since));
        }
    }

    public ValueTask RemoveAsync(string key, string entry, CancellationToken cancellationToken)
    {
        if (!long.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            // Not one of this store's entries (one Redis handed out, given back here while Redis is down).
            return ValueTask.CompletedTask;
        }

        lock (_lock)
        {
            if (TableOf(_logs, key).Find(key) is { State: { } log } slot)
            {
                log.RemoveAll(e => e.Id == id);
                if (log.Count == 0)
                {
                    slot.IdleFrom = 0;
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    // Process memory is always there.
    public void ThrowIfUnreachable()
    {
    }

    private long NowMicroseconds() => (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    // The families are the prefixes the code's key builders write, a handful; the lookup reads the prefix without copying it.
    private LimiterKeyTable<TState> TableOf<TState>(Dictionary<string, LimiterKeyTable<TState>> families, string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var family = colon < 0 ? ReadOnlySpan<char>.Empty : key.AsSpan(0, colon);
        var lookup = families.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(family, out var table))
        {
            table = new LimiterKeyTable<TState>(_capacity);
            lookup[family] = table;
        }

        return table;
    }

    /// <summary>One sliding-log entry: its id (handed out as text) and when it was appended (µs since the epoch).</summary>
    private readonly record struct LogEntry(long Id, long At);
}
