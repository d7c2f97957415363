using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Users;

namespace Orchestrator.Infrastructure.Security;

/// <summary>Issues RFC 9068 access tokens (typ at+jwt, HS256, kid of the current key) with sub, role, jti, ver, amr, iat, exp, iss and aud (<see cref="AccessTokenClaims"/>).</summary>
public sealed class JwtAccessTokenIssuer(SigningKeyProvider keys, IOptions<JwtOptions> options, TimeProvider clock) : IAccessTokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new();

    public IssuedAccessToken Issue(User user, bool multiFactor)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromMinutes(settings.AccessTokenMinutes);
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = JwtOptions.AccessTokenType,
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object>
            {
                // Always an array, as RFC 8176 has it, even with one method.
                [AccessTokenClaims.AuthenticationMethods] = multiFactor
                    ? new[] { AccessTokenClaims.PasswordMethod, AccessTokenClaims.MultiFactorMethod }
                    : new[] { AccessTokenClaims.PasswordMethod },
            },
            Subject = new ClaimsIdentity(
            [
                new Claim(AccessTokenClaims.Subject, user.Id.ToString()),
                new Claim(AccessTokenClaims.TokenId, Guid.NewGuid().ToString("N")),
                new Claim(AccessTokenClaims.Role, user.Role.ToWireName()),
                new Claim(AccessTokenClaims.TokenVersion, user.TokenVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer32),
                new Claim(AccessTokenClaims.ClientId, "orchestrator"),
            ]),
            SigningCredentials = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.HmacSha256),
        };
        return new IssuedAccessToken(_handler.CreateToken(descriptor), (int)lifetime.TotalSeconds);
    }

    public async Task<AccessTokenIdentity?> ReadOwnTokenAsync(string token)
    {
        var settings = options.Value;
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKeyResolver = (_, _, keyId, _) => keys.ResolveValidationKeys(keyId),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [JwtOptions.AccessTokenType],

            // Revoking an expired token is a no-op the caller decides on; the signature is what matters here.
            ValidateLifetime = false,
        });
        if (!result.IsValid
            || result.SecurityToken is not JsonWebToken jwt
            || !Guid.TryParse(jwt.Subject, out var userId)
            || string.IsNullOrEmpty(jwt.Id))
        {
            return null;
        }

        return new AccessTokenIdentity(jwt.Id, userId, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
    }
}
