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
    /// An exclusive lease on <paramref name="key"/>, held until disposed or until <paramref name="ttl"/> passes
    /// (so a crashed holder cannot block others forever). Waits up to <paramref name="wait"/> for it, then
    /// throws <see cref="LimiterStoreUnavailableException"/>.
    /// </summary>
    ValueTask<IAsyncDisposable> AcquireLeaseAsync(string key, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken);
}
