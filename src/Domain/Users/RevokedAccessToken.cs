namespace Orchestrator.Domain.Users;

/// <summary>An access token revoked before its expiry (RFC 7009), kept until it would have expired anyway.</summary>
public sealed class RevokedAccessToken
{
    private RevokedAccessToken()
    {
    }

    public string Jti { get; private set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; private set; }

    public static RevokedAccessToken Create(string jti, DateTimeOffset expiresAt) => new() { Jti = jti, ExpiresAt = expiresAt };
}
