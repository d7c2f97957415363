using System.Collections.Concurrent;

namespace Orchestrator.Application.Common.Telemetry;

/// <summary>
/// Counts 403 answers per caller for the current minute, in memory, and reports only the largest count of the last
/// full minute: an alert on "one caller is probing" needs no caller label. Bounded: past
/// <see cref="MaxCallersPerMinute"/> distinct callers in a minute, new ones share one slot.
/// </summary>
public sealed class ForbiddenBurstTracker(TimeProvider clock)
{
    public const int MaxCallersPerMinute = 10_000;
    private const string Overflow = "";

    private readonly Lock _gate = new();
    private ConcurrentDictionary<string, int> _current = new(StringComparer.Ordinal);
    private long _currentMinute = long.MinValue;
    private long _lastMinuteLargest;
    private long _lastMinute = long.MinValue;

    public static ForbiddenBurstTracker Shared { get; } = new(TimeProvider.System);

    public void Record(string caller)
    {
        var counts = CountsFor(Minute());
        var key = counts.Count < MaxCallersPerMinute || counts.ContainsKey(caller) ? caller : Overflow;
        counts.AddOrUpdate(key, 1, static (_, count) => count + 1);
    }

    /// <summary>The largest per-caller count of the last full minute (0 when that minute had none).</summary>
    public long LargestLastMinute()
    {
        var minute = Minute();
        CountsFor(minute);
        lock (_gate)
        {
            return _lastMinute == minute - 1 ? _lastMinuteLargest : 0;
        }
    }

    private long Minute() => clock.GetUtcNow().ToUnixTimeSeconds() / 60;

    /// <summary>The counts of <paramref name="minute"/>; moving to a new minute keeps the old one's largest count.</summary>
    private ConcurrentDictionary<string, int> CountsFor(long minute)
    {
        lock (_gate)
        {
            if (minute != _currentMinute)
            {
                if (_currentMinute != long.MinValue)
                {
                    _lastMinute = _currentMinute;
                    _lastMinuteLargest = _current.IsEmpty ? 0 : _current.Values.Max();
                }

                _current = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
                _currentMinute = minute;
            }

            return _current;
        }
    }
}
