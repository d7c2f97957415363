using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// Leases by key within this process, handed out in arrival order (a semaphore per key). The memory store's
/// leases are these; the Redis store takes one before it polls Redis, so only the head of this process's
/// queue polls and no waiter is overtaken by later arrivals. A key is held only while someone holds or awaits its
/// lease, so keys used once leave nothing behind.
/// </summary>
internal sealed class InProcessLeases
{
    private readonly Dictionary<string, Turn> _turns = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public static LimiterStoreUnavailableException Busy() => new("The limit is being updated by another request; try again.");

    /// <summary>The keys with a holder or a waiter now.</summary>
    public int KeyCount
    {
        get
        {
            lock (_lock)
            {
                return _turns.Count;
            }
        }
    }

    /// <summary>The lease on <paramref name="key"/>; disposing it more than once releases it once.</summary>
    public async ValueTask<IAsyncDisposable> AcquireAsync(string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        Turn? turn;
        lock (_lock)
        {
            if (!_turns.TryGetValue(key, out turn))
            {
                turn = new Turn();
                _turns[key] = turn;
            }

            turn.Users++;
        }

        bool entered;
        try
        {
            entered = await turn.Semaphore.WaitAsync(wait, cancellationToken);
        }
        catch
        {
            Leave(key, turn);
            throw;
        }

        if (!entered)
        {
            Leave(key, turn);
            throw Busy();
        }

        return new ReleasedOnce(() =>
        {
            turn.Semaphore.Release();
            Leave(key, turn);
            return ValueTask.CompletedTask;
        });
    }

    private void Leave(string key, Turn turn)
    {
        lock (_lock)
        {
            if (--turn.Users == 0)
            {
                _turns.Remove(key);
            }
        }
    }

    /// <summary>A key's semaphore and how many hold or await it.</summary>
    private sealed class Turn
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}

/// <summary>A lease whose release runs once, however many times it is disposed.</summary>
internal sealed class ReleasedOnce(Func<ValueTask> release) : IAsyncDisposable
{
    private int _released;

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _released, 1) == 0 ? release() : ValueTask.CompletedTask;
}
