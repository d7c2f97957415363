namespace Orchestrator.Application.Common.Sessions;

/// <summary>
/// What every instance must agree on to refuse a revoked access token at once: the deny-listed token
/// ids (jti) and each user's current token version. Process memory by default, Redis when configured.
/// </summary>
public interface ITokenRevocationStore
{
    /// <summary>True when the token was revoked, or its user's sessions were ended after it was issued.</summary>
    ValueTask<bool> IsRevokedAsync(string jti, Guid userId, int tokenVersion, CancellationToken cancellationToken);

    ValueTask RevokeAsync(string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    ValueTask SetUserTokenVersionAsync(Guid userId, int tokenVersion, CancellationToken cancellationToken);
}
