using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Infrastructure.Sessions;

/// <summary>A sliding one-minute log of login attempts per username, in process memory.</summary>
public sealed class InMemoryLoginThrottle(IOptions<LockoutOptions> options, TimeProvider clock) : ILoginThrottle
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _attempts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ValueTask<bool> TryAcquireAsync(string normalizedUsername, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (!_attempts.TryGetValue(normalizedUsername, out var log))
            {
                // Bound memory against a flood of made-up usernames: forget idle ones first.
                if (_attempts.Count > 100_000)
                {
                    Prune(now);
                }

                log = new Queue<DateTimeOffset>();
                _attempts[normalizedUsername] = log;
            }

            while (log.TryPeek(out var oldest) && oldest <= now - Window)
            {
                log.Dequeue();
            }

            if (log.Count >= options.Value.AttemptsPerUsernamePerMinute)
            {
                return ValueTask.FromResult(false);
            }

            log.Enqueue(now);
            return ValueTask.FromResult(true);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (username, log) in _attempts.ToList())
        {
            if (!log.TryPeek(out var newest) || newest <= now - Window)
            {
                _attempts.Remove(username);
            }
        }
    }
}
