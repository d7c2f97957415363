using Microsoft.Extensions.Logging;
using Orchestrator.Application.Common.Secrets;

namespace Orchestrator.Infrastructure.Secrets;

/// <summary>
/// A parsed secret that synchronous hot paths (token signing and validation, EF value conversion) read
/// without waiting on the store: the last copy is returned at once, and a copy older than the poll interval
/// triggers one background re-read (served from the store's cache until its TTL runs out).
/// </summary>
public sealed class RefreshingSecret<T>
    where T : class
{
    /// <summary>How often the store is asked again; a remote store answers from its own cache until its TTL.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>The least time between two reads that bypass the cache because an unknown key id arrived.</summary>
    public static readonly TimeSpan ForcedRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly ISecretStore _store;
    private readonly string _name;
    private readonly Func<string> _generate;
    private readonly Func<SecretVersions, T> _parse;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _firstLoad = new(1, 1);

    private Snapshot? _snapshot;
    private int _refreshing;
    private long _lastForcedRefreshTicks = long.MinValue;

    public RefreshingSecret(ISecretStore store, string name, Func<string> generate, Func<SecretVersions, T> parse, TimeProvider clock, ILogger logger)
    {
        _store = store;
        _name = name;
        _generate = generate;
        _parse = parse;
        _clock = clock;
        _logger = logger;
    }

    public T Value
    {
        get
        {
            var snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is null)
            {
                // Only before the start-up warm-up has run (a tool or a test that skips the host).
                return LoadFirstAsync(CancellationToken.None).GetAwaiter().GetResult();
            }

            if (_clock.GetUtcNow() - snapshot.ReadAt >= PollInterval)
            {
                StartBackgroundRefresh();
            }

            return snapshot.Value;
        }
    }

    /// <summary>Reads (or creates) the secret now; used at start-up so that a broken store stops the start.</summary>
    public async Task<T> LoadAsync(CancellationToken cancellationToken) =>
        Publish(await _store.GetOrCreateAsync(_name, _generate, cancellationToken));

    /// <summary>Takes a value just written to the store, so that this instance uses it at once.</summary>
    public T Publish(SecretVersions versions)
    {
        var value = _parse(versions);
        Volatile.Write(ref _snapshot, new Snapshot(value, _clock.GetUtcNow()));
        return value;
    }

    /// <summary>
    /// A key id this instance does not know may come from another instance that has already seen a rotation:
    /// re-read past the cache, at most once per <see cref="ForcedRefreshInterval"/> so that made-up ids cannot
    /// flood the store.
    /// </summary>
    public T RefreshForUnknownKey()
    {
        var now = _clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastForcedRefreshTicks);
        if ((last != long.MinValue && now - last < ForcedRefreshInterval.Ticks)
            || Interlocked.CompareExchange(ref _lastForcedRefreshTicks, now, last) != last)
        {
            return Value;
        }

        _store.Invalidate(_name);
        try
        {
            return LoadAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning(e, "Could not re-read secret {SecretName}; keeping the copy in memory", _name);
            return Value;
        }
    }

    private async Task<T> LoadFirstAsync(CancellationToken cancellationToken)
    {
        await _firstLoad.WaitAsync(cancellationToken);
        try
        {
            return Volatile.Read(ref _snapshot)?.Value ?? await LoadAsync(cancellationToken);
        }
        finally
        {
            _firstLoad.Release();
        }
    }

    private void StartBackgroundRefresh()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await LoadAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Keep serving the last copy; try again after another poll interval rather than on every call.
                _logger.LogWarning(e, "Could not refresh secret {SecretName}; keeping the copy in memory", _name);
                var stale = Volatile.Read(ref _snapshot);
                if (stale is not null)
                {
                    Volatile.Write(ref _snapshot, stale with { ReadAt = _clock.GetUtcNow() });
                }
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }

    private sealed record Snapshot(T Value, DateTimeOffset ReadAt);
}
