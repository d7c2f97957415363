using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.WebApi.Security;

namespace Orchestrator.UnitTests.WebApi;

/// <summary>
/// A cached token validation stands only while validating again would say the same: same token text, still in
/// its lifetime, still verified by the key its kid resolves to.
/// </summary>
public class CachingJsonWebTokenHandlerTests
{
    private const string Issuer = "https://orchestrator.test";
    private const string Audience = "orchestrator-api";

    // The default of Jwt:ValidationCache:Capacity.
    private const int Capacity = 1024;

    private readonly Dictionary<string, SecurityKey> _keys = new() { ["k1"] = NewKey("k1") };
    private readonly CachingJsonWebTokenHandler _handler = new(Capacity) { MapInboundClaims = false };

    [Fact]
    public async Task A_token_validated_once_is_answered_from_the_cache_with_a_claims_identity_of_its_own_each_time()
    {
        var token = Token(_keys["k1"]);

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        var second = await _handler.ValidateTokenAsync(token, Parameters());
        second.ClaimsIdentity.AddClaim(new Claim("role", "admin"));
        var third = await _handler.ValidateTokenAsync(token, Parameters());

        first.IsValid.ShouldBeTrue();
        second.IsValid.ShouldBeTrue();
        third.IsValid.ShouldBeTrue();
        _handler.Count.ShouldBe(1);
        second.SecurityToken.ShouldBeSameAs(first.SecurityToken, "the second answer comes from the cache, not from parsing the token again");
        third.ClaimsIdentity.ShouldNotBeSameAs(second.ClaimsIdentity);
        third.ClaimsIdentity.FindFirst("sub")!.Value.ShouldBe("user-1");
        third.ClaimsIdentity.HasClaim("role", "admin").ShouldBeFalse("what one request does to its identity reaches no other");
        third.ClaimsIdentity.ShouldBeOfType<CaseSensitiveClaimsIdentity>();
    }

    [Fact]
    public async Task A_token_differing_in_one_character_of_its_signature_is_validated_afresh_and_refused()
    {
        var token = Token(_keys["k1"]);
        (await _handler.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();

        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        var result = await _handler.ValidateTokenAsync(tampered, Parameters());

        result.IsValid.ShouldBeFalse();
        result.Exception.ShouldBeAssignableTo<SecurityTokenInvalidSignatureException>();
    }

    [Fact]
    public async Task A_retired_signing_key_stops_its_cached_tokens_at_once()
    {
        var token = Token(_keys["k1"]);
        (await _handler.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();

        _keys.Remove("k1");

        (await _handler.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task A_key_replaced_under_the_same_kid_stops_the_tokens_of_the_old_one()
    {
        var token = Token(_keys["k1"]);
        (await _handler.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();

        _keys["k1"] = NewKey("k1");

        var result = await _handler.ValidateTokenAsync(token, Parameters());
        result.IsValid.ShouldBeFalse();
        result.Exception.ShouldBeAssignableTo<SecurityTokenInvalidSignatureException>();
    }

    [Fact]
    public async Task A_cached_token_is_refused_once_it_expires()
    {
        // JWT times are whole seconds: expire at the start of the second after next, then wait past it.
        var now = DateTimeOffset.UtcNow;
        var expires = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 2);
        var token = Token(_keys["k1"], expires.UtcDateTime);
        (await _handler.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();

        await Task.Delay(expires - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));

        var result = await _handler.ValidateTokenAsync(token, Parameters());
        result.IsValid.ShouldBeFalse();
        result.Exception.ShouldBeAssignableTo<SecurityTokenExpiredException>();
        _handler.Count.ShouldBe(0, "an expired validation leaves the cache");
    }

    [Fact]
    public async Task Nothing_is_cached_when_validity_depends_on_a_custom_lifetime_validator()
    {
        var parameters = Parameters();
        parameters.LifetimeValidator = (_, _, _, _) => true;

        (await _handler.ValidateTokenAsync(Token(_keys["k1"]), parameters)).IsValid.ShouldBeTrue();

        _handler.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Beyond_its_capacity_tokens_are_still_validated_in_full_and_not_cached()
    {
        for (var i = 0; i < Capacity; i++)
        {
            (await _handler.ValidateTokenAsync(Token(_keys["k1"], subject: $"user-{i}"), Parameters())).IsValid.ShouldBeTrue();
        }

        var oneMore = Token(_keys["k1"], subject: "one-more");
        (await _handler.ValidateTokenAsync(oneMore, Parameters())).IsValid.ShouldBeTrue();
        (await _handler.ValidateTokenAsync(oneMore[..^1] + (oneMore[^1] == 'A' ? 'B' : 'A'), Parameters())).IsValid.ShouldBeFalse();

        _handler.Count.ShouldBe(Capacity);
    }

    // As the API validates its access tokens: HS256, a kid resolved against the current key set.
    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKeyResolver = (_, _, keyId, _) => _keys.TryGetValue(keyId, out var key) ? [key] : [],
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.Zero,
    };

    private static string Token(SecurityKey key, DateTime? expires = null, string subject = "user-1") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(15),
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            IssuedAt = DateTime.UtcNow.AddMinutes(-1),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["jti"] = Guid.NewGuid().ToString() },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

    private static SymmetricSecurityKey NewKey(string keyId) => new(RandomNumberGenerator.GetBytes(32)) { KeyId = keyId };
}
