using Orchestrator.Application.Common.Limits;
using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.UnitTests.Infrastructure.Limits;

/// <summary>A shared store that can be "cut off": while <see cref="Reachable"/> is false every call fails as Redis's would.</summary>
internal sealed class SwitchableLimiterStore(TimeProvider clock) : ILimiterStore
{
    private readonly InMemoryLimiterStore _inner = new(clock);

    public bool Reachable { get; set; } = true;

    public int Calls { get; private set; }

    public ValueTask<RateDecision> AcquireRateAsync(string key, RatePolicy policy, CancellationToken cancellationToken)
    {
        Calls++;
        return Reachable ? _inner.AcquireRateAsync(key, policy, cancellationToken) : throw new LimiterStoreUnavailableException("cut off");
    }

    public ValueTask<SlidingLogDecision> TryAppendAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public ValueTask RemoveAsync(string key, string entry, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask<IAsyncDisposable> AcquireLeaseAsync(string key, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
