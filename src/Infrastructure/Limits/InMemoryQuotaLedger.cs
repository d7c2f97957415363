using System.Collections.Concurrent;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>The process-wide state behind <see cref="InMemoryQuotaGate"/> (a singleton).</summary>
public sealed class InMemoryQuotaLedger
{
    private readonly Dictionary<(Guid User, ResourceType Type), LinkedList<(long Id, DateTimeOffset At)>> _logs = [];
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _bucketGates = new();
    private readonly Dictionary<Guid, int> _bucketsInFlight = [];
    private readonly Lock _lock = new();
    private long _nextId;

    /// <summary>Appends a creation to the user's sliding log when fewer than <paramref name="limit"/> fall in the window.</summary>
    public bool TryAppend(Guid user, ResourceType type, int limit, TimeSpan window, DateTimeOffset now, out long entry, out TimeSpan? retryAfter)
    {
        lock (_lock)
        {
            if (!_logs.TryGetValue((user, type), out var log))
            {
                log = new LinkedList<(long, DateTimeOffset)>();
                _logs[(user, type)] = log;
            }

            while (log.First is { } oldest && oldest.Value.At <= now - window)
            {
                log.RemoveFirst();
            }

            if (log.Count >= limit)
            {
                entry = 0;
                retryAfter = log.First is { } first ? first.Value.At + window - now : window;
                return false;
            }

            entry = ++_nextId;
            log.AddLast((entry, now));
            retryAfter = null;
            return true;
        }
    }

    public void Remove(Guid user, ResourceType type, long entry)
    {
        lock (_lock)
        {
            if (_logs.TryGetValue((user, type), out var log))
            {
                for (var node = log.First; node is not null; node = node.Next)
                {
                    if (node.Value.Id == entry)
                    {
                        log.Remove(node);
                        return;
                    }
                }
            }
        }
    }

    /// <summary>Serializes one user's bucket reservations, so that the count and the reservation are one step.</summary>
    public SemaphoreSlim BucketGate(Guid user) => _bucketGates.GetOrAdd(user, _ => new SemaphoreSlim(1, 1));

    public bool TryReserveBucket(Guid user, int liveBuckets, int limit)
    {
        lock (_lock)
        {
            var inFlight = _bucketsInFlight.GetValueOrDefault(user);
            if (liveBuckets + inFlight >= limit)
            {
                return false;
            }

            _bucketsInFlight[user] = inFlight + 1;
            return true;
        }
    }

    public void EndBucketReservation(Guid user)
    {
        lock (_lock)
        {
            if (_bucketsInFlight.TryGetValue(user, out var inFlight) && inFlight > 0)
            {
                _bucketsInFlight[user] = inFlight - 1;
            }
        }
    }
}
