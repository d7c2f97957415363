using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// The generic cell rate algorithm, in microseconds, as the in-memory store runs it (the Redis script is
/// the same arithmetic in Lua). One stored number per key: the theoretical arrival time (TAT) of the next
/// request. A request is admitted when TAT + interval - capacity is not in the future.
/// </summary>
internal static class Gcra
{
    /// <summary>
    /// Decides at <c>now</c> given the stored TAT (<c>arrival</c>, or now when it is past or absent);
    /// <c>nextArrival</c> is the TAT to store when the request is admitted.
    /// </summary>
    public static RateDecision Decide(long now, long arrival, RatePolicy policy, out long nextArrival)
    {
        var interval = policy.IntervalMicroseconds;
        var capacity = interval * policy.Permits;
        nextArrival = arrival + interval;
        var allowAt = nextArrival - capacity;
        if (now < allowAt)
        {
            return new RateDecision(false, 0, TimeSpan.FromMicroseconds(arrival - now), TimeSpan.FromMicroseconds(allowAt - now));
        }

        var remaining = (int)((capacity - (nextArrival - now)) / interval);
        return new RateDecision(true, remaining, TimeSpan.FromMicroseconds(nextArrival - now), TimeSpan.Zero);
    }
}
