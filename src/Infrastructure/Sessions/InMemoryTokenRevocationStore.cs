using System.Collections.Concurrent;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Infrastructure.Sessions;

/// <summary>
/// The embedded default: revoked token ids and user token versions in process memory, loaded from
/// the database at start-up (<see cref="TokenRevocationWarmup"/>) so a restart forgets nothing.
/// </summary>
public sealed class InMemoryTokenRevocationStore(TimeProvider clock) : ITokenRevocationStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, int> _userVersions = new();

    public ValueTask<bool> IsRevokedAsync(string jti, Guid userId, int tokenVersion, CancellationToken cancellationToken) =>
        ValueTask.FromResult(IsRevoked(jti, userId, tokenVersion));

    /// <summary>The same answer, synchronously: this store never waits.</summary>
    public bool IsRevoked(string jti, Guid userId, int tokenVersion) =>
        (_revokedTokens.TryGetValue(jti, out var expiresAt) && expiresAt > clock.GetUtcNow())
        || (_userVersions.TryGetValue(userId, out var current) && current > tokenVersion);

    public ValueTask RevokeAsync(string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _revokedTokens[jti] = expiresAt;
        if (_revokedTokens.Count % 1024 == 0)
        {
            var now = clock.GetUtcNow();
            foreach (var (id, expiry) in _revokedTokens)
            {
                if (expiry <= now)
                {
                    _revokedTokens.TryRemove(id, out _);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SetUserTokenVersionAsync(Guid userId, int tokenVersion, CancellationToken cancellationToken)
    {
        _userVersions.AddOrUpdate(userId, tokenVersion, (_, existing) => Math.Max(existing, tokenVersion));
        return ValueTask.CompletedTask;
    }
}
