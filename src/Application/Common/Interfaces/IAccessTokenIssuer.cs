using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Common.Interfaces;

public sealed record IssuedAccessToken(string Token, int ExpiresInSeconds);

/// <summary>The identifying claims of one of our own access tokens, read for revocation.</summary>
public sealed record AccessTokenIdentity(string Jti, Guid UserId, DateTimeOffset ExpiresAt);

/// <summary>Signs access tokens (JWT, RFC 9068 profile) and recognises them again.</summary>
public interface IAccessTokenIssuer
{
    /// <summary>An access token for <paramref name="user"/>; <paramref name="multiFactor"/> says whether its session proved a second factor (the <c>amr</c> claim).</summary>
    IssuedAccessToken Issue(User user, bool multiFactor);

    /// <summary>Reads a token this service signed (signature, issuer and audience checked; expiry not), or null.</summary>
    Task<AccessTokenIdentity?> ReadOwnTokenAsync(string token);
}
