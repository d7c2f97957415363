using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orchestrator.WebApi.Security;

/// <summary>
/// A <see cref="JsonWebTokenHandler"/> with a token validation cache: the access tokens it has found valid are
/// cached, so that a client sending the same bearer token on every request does not have it parsed, its signature
/// checked and its claims built again each time. Validating a token costs more than the rest of authenticating a
/// request (decision 0014). Configured by <see cref="TokenValidationCacheOptions"/>.
/// </summary>
/// <remarks>
/// <para>
/// A cached validation is only used while it is exactly what validating again would say:
/// </para>
/// <list type="bullet">
/// <item>for the very same token text, signature included (a token differing in one character is validated afresh);</item>
/// <item>until the token's <c>exp</c> plus the allowed clock skew, by the clock the library itself reads;</item>
/// <item>while the key that verified its signature is still the key its <c>kid</c> resolves to, so a signing key
/// that is retired, or replaced in the secret store, stops its tokens at once.</item>
/// </list>
/// <para>
/// Only valid tokens are cached, at most <see cref="Capacity"/> at a time; beyond that, tokens are validated in
/// full as usual. Nothing that is not validation is skipped: revocation is still checked on every request
/// (<see cref="BearerTokenRevocationCheck"/>), as are authorization and everything after it. Each request gets its own copy of the
/// claims identity, so nothing one request does to it reaches another.
/// </para>
/// <para>
/// Validation parameters whose outcome depends on more than the token, the clock and the signing keys (a token
/// replay cache, custom lifetime or signature validators) are never cached.
/// </para>
/// </remarks>
/// <param name="capacity">How many valid tokens are cached at most: about 5 KB each (the token, its parsed form and its claims).</param>
public sealed class CachingJsonWebTokenHandler(int capacity) : JsonWebTokenHandler
{
    private static readonly TimeSpan ExpiredSweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    /// <summary>How many valid tokens are cached at most.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "At least one token.");

    /// <summary>How many validations are cached now.</summary>
    public int Count => _validated.Count;

    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_validated.TryGetValue(token, out var known) && Cacheable(validationParameters))
        {
            if (known.StillValid(token, validationParameters))
            {
                return Task.FromResult(known.NewResult());
            }

            _validated.TryRemove(new KeyValuePair<string, Validated>(token, known));
        }

        return ValidateAndCacheAsync(token, validationParameters);
    }

    private async Task<TokenValidationResult> ValidateAndCacheAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid
            && Cacheable(validationParameters)
            && result.SecurityToken is JsonWebToken { SigningKey: { } signingKey } validatedToken
            && result.ClaimsIdentity is { } identity)
        {
            Cache(token, new Validated(validatedToken, signingKey, identity.Clone(), validationParameters.ClockSkew));
        }

        return result;
    }

    private static bool Cacheable(TokenValidationParameters parameters) =>
        parameters.TokenReplayCache is null
        && parameters.TokenReplayValidator is null
        && parameters.LifetimeValidator is null
        && parameters.SignatureValidator is null
        && parameters.TokenReader is null;

    private void Cache(string token, Validated validated)
    {
        if (_validated.Count >= Capacity)
        {
            ForgetExpired();
            if (_validated.Count >= Capacity)
            {
                return;
            }
        }

        _validated[token] = validated;
    }

    // At most once per interval, so that a full cache does not turn every miss into a scan.
    private void ForgetExpired()
    {
        var now = Now();
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.Ticks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + ExpiredSweepInterval).Ticks, next) != next)
        {
            return;
        }

        foreach (var (token, validated) in _validated)
        {
            if (!validated.Unexpired(now))
            {
                _validated.TryRemove(new KeyValuePair<string, Validated>(token, validated));
            }
        }
    }

    // The clock the library's own lifetime check reads.
    private static DateTime Now() => DateTime.UtcNow;

    /// <summary>A validation as it came out: the parsed token, the key that verified it, and the claims as built then.</summary>
    private sealed class Validated(JsonWebToken token, SecurityKey signingKey, ClaimsIdentity identity, TimeSpan clockSkew)
    {
        // The lifetime check of Validators.ValidateLifetime: valid from nbf less the skew until exp plus the skew.
        public bool Unexpired(DateTime now) =>
            token.ValidTo >= now - clockSkew && (token.ValidFrom == DateTime.MinValue || token.ValidFrom <= now + clockSkew);

        public bool StillValid(string encodedToken, TokenValidationParameters parameters) =>
            parameters.ClockSkew == clockSkew && Unexpired(Now()) && KeyStillResolves(encodedToken, parameters);

        public TokenValidationResult NewResult() => new()
        {
            IsValid = true,
            SecurityToken = token,
            ClaimsIdentity = identity.Clone(),
            TokenType = token.Typ,
            Issuer = token.Issuer,
        };

        private bool KeyStillResolves(string encodedToken, TokenValidationParameters parameters)
        {
            if (parameters.IssuerSigningKeyResolver is { } resolve)
            {
                return resolve(encodedToken, token, token.Kid, parameters).Any(key => ReferenceEquals(key, signingKey));
            }

            return ReferenceEquals(parameters.IssuerSigningKey, signingKey)
                || (parameters.IssuerSigningKeys?.Any(key => ReferenceEquals(key, signingKey)) ?? false);
        }
    }
}
