using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Infrastructure.Security;

namespace Orchestrator.WebApi.Security;

/// <summary>
/// With a remote revocation store (Redis), the revocation lookup for a request's bearer token starts as the
/// request arrives, just before the per-IP limit is asked: both questions go to Redis together (in one call of
/// <c>RedisRequestChecks</c>, or in two calls sent at once) and their answers come back together, one round
/// trip instead of two in a row.
/// </summary>
/// <remarks>
/// The token is only read here, not trusted. After JWT bearer authentication has validated it, the early
/// answer is used only when it was looked up for exactly the validated token's <c>jti</c>, <c>sub</c> and
/// <c>ver</c>; otherwise the lookup is made again. A token this cannot read simply gets no early lookup.
/// </remarks>
public sealed class RevocationLookahead
{
    private const string BearerPrefix = "Bearer ";

    private readonly string _jti;
    private readonly Guid _userId;
    private readonly int _tokenVersion;
    private readonly Task<bool> _lookup;

    private RevocationLookahead(string jti, Guid userId, int tokenVersion, Task<bool> lookup)
    {
        _jti = jti;
        _userId = userId;
        _tokenVersion = tokenVersion;
        _lookup = lookup;
    }

    /// <summary>Starts the lookup for the request's bearer token, when the store is remote and the token can be read.</summary>
    public static void Start(HttpContext context, ITokenRevocationStore store)
    {
        if (!store.IsRemote)
        {
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.Ordinal)
            || !TryReadClaims(authorization[BearerPrefix.Length..].Trim(), out var jti, out var userId, out var tokenVersion))
        {
            return;
        }

        var lookup = store.IsRevokedAsync(jti, userId, tokenVersion, context.RequestAborted).AsTask();
        context.Features.Set(new RevocationLookahead(jti, userId, tokenVersion, lookup));
    }

    /// <summary>Whether the validated token is revoked: the early answer when it was for this very token, else a new lookup.</summary>
    public static ValueTask<bool> IsRevokedAsync(HttpContext context, ITokenRevocationStore store, string jti, Guid userId, int tokenVersion)
    {
        var early = context.Features.Get<RevocationLookahead>();
        return early is not null
            && string.Equals(early._jti, jti, StringComparison.Ordinal)
            && early._userId == userId
            && early._tokenVersion == tokenVersion
            ? new ValueTask<bool>(early._lookup)
            : store.IsRevokedAsync(jti, userId, tokenVersion, context.RequestAborted);
    }

    private static bool TryReadClaims(string token, out string jti, out Guid userId, out int tokenVersion)
    {
        jti = string.Empty;
        userId = Guid.Empty;
        tokenVersion = 0;
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenMalformedException)
        {
            return false;
        }

        if (!jwt.TryGetPayloadValue<string>("jti", out var id) || string.IsNullOrEmpty(id)
            || !jwt.TryGetPayloadValue<string>("sub", out var subject) || !Guid.TryParse(subject, out userId)
            || !TryReadTokenVersion(jwt, out tokenVersion))
        {
            return false;
        }

        jti = id;
        return true;
    }

    // The issuer writes the version as a JSON number; a string holding a number is read the same way.
    private static bool TryReadTokenVersion(JsonWebToken jwt, out int tokenVersion)
    {
        if (jwt.TryGetPayloadValue(JwtAccessTokenIssuer.TokenVersionClaim, out tokenVersion))
        {
            return true;
        }

        return jwt.TryGetPayloadValue<string>(JwtAccessTokenIssuer.TokenVersionClaim, out var text)
            && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out tokenVersion);
    }
}
