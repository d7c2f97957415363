using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// Where limit state lives: process memory (one instance) or Redis (shared by every instance).
/// Each method is one atomic decision. An adapter that cannot reach its backing store throws
/// <see cref="LimiterStoreUnavailableException"/>, never its own exception types.
/// </summary>
public interface ILimiterStore
{
    /// <summary>GCRA: admits <see cref="RatePolicy.Permits"/> per window, spread smoothly, with the full burst available when idle.</summary>
    ValueTask<RateDecision> AcquireRateAsync(string key, RatePolicy policy, CancellationToken cancellationToken);

    /// <summary>Sliding log: appends an entry when fewer than <paramref name="limit"/> entries fall in the last <paramref name="window"/>.</summary>
    ValueTask<SlidingLogDecision> TryAppendAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>How many entries of the log fall in the last <paramref name="window"/>; reads only (a plan, the quotas a user sees).</summary>
    ValueTask<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Removes an entry appended by <see cref="TryAppendAsync"/> (a reservation given back).</summary>
    ValueTask RemoveAsync(string key, string entry, CancellationToken cancellationToken);

    /// <summary>
    /// Throws <see cref="LimiterStoreUnavailableException"/> when the backing store is known to be unreachable now, without
    /// asking it: for a limit decided elsewhere (the live-bucket count, in the database) that still fails closed with the store.
    /// </summary>
    void ThrowIfUnreachable();
}
