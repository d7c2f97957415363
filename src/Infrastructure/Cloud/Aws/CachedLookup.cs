using System.Collections.Concurrent;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>Answers that rarely change (a region's instance type offerings, its latest image), kept per key for a while.</summary>
internal sealed class CachedLookup<T>(TimeProvider clock, TimeSpan duration)
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync(string key, Func<Task<T>> load)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Until > now)
        {
            return entry.Value;
        }

        var value = await load();
        _entries[key] = (value, now + duration);
        return value;
    }
}
