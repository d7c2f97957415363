using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Drift;

namespace Orchestrator.Infrastructure.Drift;

/// <summary>
/// A token bucket per region (the service speaks for one account): <c>Drift:MaxCallsPerMinutePerRegion</c> tokens a
/// minute, refilled continuously, holding at most five seconds' worth, so a large fleet's checks reach AWS as a steady
/// trickle rather than in bursts. Per instance: two instances on one database each have their own budget.
/// </summary>
public sealed class RegionCallBudget(IOptions<DriftOptions> options, TimeProvider clock) : IDriftCallBudget
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private int _waiting;

    /// <summary>Callers waiting for tokens now (a simulation on a fake clock advances it while someone waits).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async ValueTask SpendAsync(string region, int calls, CancellationToken cancellationToken)
    {
        var perSecond = options.Value.MaxCallsPerMinutePerRegion / 60.0;
        var capacity = Math.Max(calls, perSecond * 5);
        var bucket = _buckets.GetOrAdd(region, _ => new Bucket(capacity, clock.GetUtcNow()));
        while (true)
        {
            TimeSpan wait;
            lock (bucket)
            {
                var now = clock.GetUtcNow();
                bucket.Tokens = Math.Min(capacity, bucket.Tokens + ((now - bucket.RefilledAt).TotalSeconds * perSecond));
                bucket.RefilledAt = now;
                if (bucket.Tokens >= calls)
                {
                    bucket.Tokens -= calls;
                    return;
                }

                wait = TimeSpan.FromSeconds((calls - bucket.Tokens) / perSecond);
            }

            Interlocked.Increment(ref _waiting);
            try
            {
                await Task.Delay(wait, clock, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset refilledAt)
    {
        public double Tokens { get; set; } = tokens;

        public DateTimeOffset RefilledAt { get; set; } = refilledAt;
    }
}
