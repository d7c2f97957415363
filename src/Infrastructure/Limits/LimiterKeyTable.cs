namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// The keys of one family in <see cref="InMemoryLimiterStore"/> (client networks, login usernames, a user's
/// quotas), in order of last use, with a hard cap. A key whose state has run out (idle: nothing to remember) is
/// dropped once it is among the least recently used; at the cap idle keys go first, and only when every key is
/// live does the least recently used one go (docs/decisions/0020-bounded-limiter-memory.md).
/// Not thread-safe: the store calls it under its lock.
/// </summary>
internal sealed class LimiterKeyTable<TState>(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<Slot>> _slots = new(StringComparer.Ordinal);
    private readonly LinkedList<Slot> _byLastUse = new();
    private int _addedSinceSweep;

    public int Count => _slots.Count;

    /// <summary>The key's slot, added (with a default state) when absent; the key becomes the most recently used.</summary>
    public Slot Use(string key, long now)
    {
        DropIdleLeastRecentlyUsed(now);
        if (_slots.TryGetValue(key, out var node))
        {
            _byLastUse.Remove(node);
            _byLastUse.AddLast(node);
            return node.Value;
        }

        if (_slots.Count >= capacity)
        {
            MakeRoom(now);
        }

        _addedSinceSweep++;
        var slot = new Slot(key);
        _slots[key] = _byLastUse.AddLast(slot);
        return slot;
    }

    /// <summary>The key's slot when present, without counting as a use.</summary>
    public Slot? Find(string key) => _slots.TryGetValue(key, out var node) ? node.Value : null;

    // A couple per use: enough to keep pace with new keys, and never a pause.
    private void DropIdleLeastRecentlyUsed(long now)
    {
        for (var i = 0; i < 2 && _byLastUse.First is { } oldest && oldest.Value.IdleFrom <= now; i++)
        {
            Remove(oldest);
        }
    }

    private void MakeRoom(long now)
    {
        // A full sweep for idle keys at most once per quarter of the capacity in new keys, so its cost per new key stays constant.
        if (_addedSinceSweep >= capacity / 4)
        {
            _addedSinceSweep = 0;
            for (var node = _byLastUse.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.IdleFrom <= now)
                {
                    Remove(node);
                }

                node = next;
            }
        }

        if (_slots.Count >= capacity)
        {
            // Every key is live: the one least recently used loses what it remembered.
            Remove(_byLastUse.First!);
        }
    }

    private void Remove(LinkedListNode<Slot> node)
    {
        _byLastUse.Remove(node);
        _slots.Remove(node.Value.Key);
    }

    /// <summary>One key's state, and from when (µs since the epoch) it has nothing left to remember.</summary>
    internal sealed class Slot(string key)
    {
        public string Key => key;

        public TState? State { get; set; }

        public long IdleFrom { get; set; }
    }
}
