using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// Limit state in this process (the embedded default, and the per-IP fallback while Redis is down).
/// The same algorithms as the Redis scripts, on <see cref="TimeProvider"/> time, under one lock.
/// </summary>
public sealed class InMemoryLimiterStore(TimeProvider clock) : ILimiterStore
{
    // Swept of idle keys every so many rate decisions, so a stream of new client IPs cannot grow it without bound.
    private const int SweepEvery = 4096;

    private readonly Dictionary<string, long> _rateArrivals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<(string Id, long At)>> _logs = new(StringComparer.Ordinal);
    private readonly InProcessLeases _leases = new();
    private readonly Lock _lock = new();
    private int _decisionsSinceSweep;

    public ValueTask<RateDecision> AcquireRateAsync(string key, RatePolicy policy, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AcquireRate(key, policy));

    /// <summary>The same decision, synchronously: this store never waits.</summary>
    public RateDecision AcquireRate(string key, RatePolicy policy)
    {
        var now = NowMicroseconds();
        lock (_lock)
        {
            SweepIdleKeys(now);
            var arrival = _rateArrivals.TryGetValue(key, out var stored) ? Math.Max(stored, now) : now;
            var decision = Gcra.Decide(now, arrival, policy, out var nextArrival);
            if (decision.Allowed)
            {
                _rateArrivals[key] = nextArrival;
            }

            return decision;
        }
    }

    public ValueTask<SlidingLogDecision> TryAppendAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = NowMicroseconds();
        var windowMicroseconds = (long)window.TotalMicroseconds;
        lock (_lock)
        {
            if (!_logs.TryGetValue(key, out var log))
            {
                log = new LinkedList<(string, long)>();
                _logs[key] = log;
            }

            while (log.First is { } oldest && oldest.Value.At <= now - windowMicroseconds)
            {
                log.RemoveFirst();
            }

            if (log.Count >= limit)
            {
                var oldestAt = log.First?.Value.At ?? now;
                return ValueTask.FromResult(new SlidingLogDecision(null, TimeSpan.FromMicroseconds(oldestAt + windowMicroseconds - now)));
            }

            var entry = Guid.NewGuid().ToString("N");
            log.AddLast((entry, now));
            return ValueTask.FromResult(new SlidingLogDecision(entry, TimeSpan.Zero));
        }
    }

    public ValueTask RemoveAsync(string key, string entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_logs.TryGetValue(key, out var log))
            {
                for (var node = log.First; node is not null; node = node.Next)
                {
                    if (node.Value.Id == entry)
                    {
                        log.Remove(node);
                        break;
                    }
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    // One process: a holder cannot vanish without its finally block, so the ttl is not needed here.
    public ValueTask<IAsyncDisposable> AcquireLeaseAsync(string key, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken) =>
        _leases.AcquireAsync(key, wait, cancellationToken);

    private long NowMicroseconds() => (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    private void SweepIdleKeys(long now)
    {
        if (++_decisionsSinceSweep < SweepEvery)
        {
            return;
        }

        _decisionsSinceSweep = 0;
        foreach (var (key, arrival) in _rateArrivals)
        {
            if (arrival <= now)
            {
                _rateArrivals.Remove(key);
            }
        }
    }
}
