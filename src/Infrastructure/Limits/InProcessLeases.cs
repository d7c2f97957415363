using System.Collections.Concurrent;
using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// Leases by key within this process, handed out in arrival order (a semaphore per key). The memory store's
/// leases are these; the Redis store takes one before it polls Redis, so only the head of this process's
/// queue polls and no waiter is overtaken by later arrivals.
/// </summary>
internal sealed class InProcessLeases
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    public static LimiterStoreUnavailableException Busy() => new("The limit is being updated by another request; try again.");

    /// <summary>The lease on <paramref name="key"/>; disposing it more than once releases it once.</summary>
    public async ValueTask<IAsyncDisposable> AcquireAsync(string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        var turn = _turns.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
        if (!await turn.WaitAsync(wait, cancellationToken))
        {
            throw Busy();
        }

        return new ReleasedOnce(() =>
        {
            turn.Release();
            return ValueTask.CompletedTask;
        });
    }
}

/// <summary>A lease whose release runs once, however many times it is disposed.</summary>
internal sealed class ReleasedOnce(Func<ValueTask> release) : IAsyncDisposable
{
    private int _released;

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _released, 1) == 0 ? release() : ValueTask.CompletedTask;
}
