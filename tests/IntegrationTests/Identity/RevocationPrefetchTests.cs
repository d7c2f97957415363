using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Application.Common.Admission;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Infrastructure.Admission;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.Infrastructure.Security;
using Orchestrator.WebApi.Security;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>
/// The revocation answer prefetched with the per-IP limit's Redis round trip, from the bearer token read before it
/// is validated: it may only stand for the very token that authentication later validates.
/// </summary>
public class RevocationPrefetchTests
{
    private static readonly Guid UserId = Guid.CreateVersion7();

    [Fact]
    public async Task The_prefetched_answer_is_used_for_the_token_it_was_looked_up_for()
    {
        var store = new CountingStore(revoked: false);
        var context = Validated("jti-1", UserId, 3, Prefetched("jti-1", UserId, 3, revoked: true));

        await new BearerTokenRevocationCheck(store).TokenValidated(context);

        context.Result.ShouldNotBeNull().Failure!.Message.ShouldBe("The token was revoked.");
        store.Lookups.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("jti-2", 3)]
    [InlineData("jti-1", 4)]
    public async Task A_validated_token_other_than_the_one_read_early_is_looked_up_again(string validatedJti, int validatedVersion)
    {
        var store = new CountingStore(revoked: false);
        var context = Validated(validatedJti, UserId, validatedVersion, Prefetched("jti-1", UserId, 3, revoked: true));

        await new BearerTokenRevocationCheck(store).TokenValidated(context);

        context.Result.ShouldBeNull("the store's answer, not the prefetched one");
        store.Lookups.ShouldBe([(validatedJti, UserId, validatedVersion)]);
    }

    [Fact]
    public async Task Another_user_in_the_validated_token_is_looked_up_again()
    {
        var store = new CountingStore(revoked: false);
        var other = Guid.CreateVersion7();
        var context = Validated("jti-1", other, 3, Prefetched("jti-1", UserId, 3, revoked: true));

        await new BearerTokenRevocationCheck(store).TokenValidated(context);

        store.Lookups.ShouldBe([("jti-1", other, 3)]);
    }

    [Fact]
    public async Task Without_a_prefetched_answer_the_store_is_asked_after_validation()
    {
        var store = new CountingStore(revoked: true);
        var context = Validated("jti-1", UserId, 3, prefetched: null);

        await new BearerTokenRevocationCheck(store).TokenValidated(context);

        store.Lookups.ShouldBe([("jti-1", UserId, 3)]);
        context.Result.ShouldNotBeNull().Failure!.Message.ShouldBe("The token was revoked.");
    }

    [Fact]
    public async Task The_memory_admission_prefetches_nothing_so_the_local_store_is_only_asked_after_authentication()
    {
        var clock = new FakeTimeProvider();
        var admission = new InMemoryRequestAdmission(new InMemoryLimiterStore(clock, Options.Create(new RateLimitingOptions())), Options.Create(new RateLimitingOptions()));

        var decision = await admission.AdmitAsync(IPAddress.Parse("203.0.113.1"), Token("jti-1", UserId, 3).AsMemory(), CancellationToken.None);

        decision.Rate.Allowed.ShouldBeTrue();
        decision.Revocation.ShouldBeNull();
    }

    [Fact]
    public void The_early_read_finds_the_tokens_jti_sub_and_ver()
    {
        UnvalidatedAccessTokenReader.TryReadRevocationKey(Token("jti-1", UserId, 3), out var key).ShouldBeTrue();

        key.ShouldBe(new TokenRevocationKey("jti-1", UserId, 3));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("dXNlcjpwYXNz")]
    [InlineData("")]
    public void A_value_that_holds_no_readable_token_gives_no_key(string token) =>
        UnvalidatedAccessTokenReader.TryReadRevocationKey(token, out _).ShouldBeFalse();

    [Fact]
    public void A_token_without_a_version_gives_no_key()
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["jti"] = "jti-1", ["sub"] = UserId.ToString() },
        });

        UnvalidatedAccessTokenReader.TryReadRevocationKey(token, out _).ShouldBeFalse();
    }

    [Fact]
    public void The_claims_are_read_whatever_else_the_payload_holds_and_a_version_written_as_a_string_counts()
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["roles"] = new[] { "operator", "auditor" },
                ["cnf"] = new Dictionary<string, object> { ["jti"] = "nested-is-not-the-token-id", ["ver"] = 9 },
                ["jti"] = "jti-1",
                ["sub"] = UserId.ToString(),
                ["ver"] = "7",
            },
        });

        UnvalidatedAccessTokenReader.TryReadRevocationKey(token, out var key).ShouldBeTrue();

        key.ShouldBe(new TokenRevocationKey("jti-1", UserId, 7));
    }

    [Theory]
    [InlineData("[\"jti\", \"sub\", \"ver\"]")]
    [InlineData("{\"jti\": \"\u00ff\u00fe\", \"sub\": \"x\", \"ver\": 1}")]
    [InlineData("{\"jti\": \"a\", ")]
    public void A_payload_that_is_not_a_JSON_object_of_UTF_8_gives_no_key(string latin1Payload)
    {
        // Latin-1 bytes: U+00FF and U+00FE become the lone bytes 0xFF 0xFE, which are not UTF-8.
        var payload = Base64UrlEncoder.Encode(System.Text.Encoding.Latin1.GetBytes(latin1Payload));

        UnvalidatedAccessTokenReader.TryReadRevocationKey($"eyJhbGciOiJub25lIn0.{payload}.sig", out _).ShouldBeFalse();
    }

    // As the issuer writes it: the version is a JSON number.
    private static string Token(string jti, Guid userId, int version) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["jti"] = jti, ["sub"] = userId.ToString(), ["ver"] = version },
        });

    private static PrefetchedRevocation Prefetched(string jti, Guid userId, int version, bool revoked) =>
        new(new TokenRevocationKey(jti, userId, version), revoked);

    // What authentication hands the events once the token is valid: its claims, and the request as the admission left it.
    private static TokenValidatedContext Validated(string jti, Guid userId, int version, PrefetchedRevocation? prefetched)
    {
        var http = new DefaultHttpContext();
        if (prefetched is not null)
        {
            http.Features.Set(prefetched);
        }

        var scheme = new AuthenticationScheme(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));
        var identity = new ClaimsIdentity(
            [new Claim("jti", jti), new Claim("sub", userId.ToString()), new Claim("ver", version.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            "Bearer");
        return new TokenValidatedContext(http, scheme, new JwtBearerOptions()) { Principal = new ClaimsPrincipal(identity) };
    }

    private sealed class CountingStore(bool revoked) : ITokenRevocationStore
    {
        public List<(string Jti, Guid UserId, int Version)> Lookups { get; } = [];

        public ValueTask<bool> IsRevokedAsync(string jti, Guid userId, int tokenVersion, CancellationToken cancellationToken)
        {
            Lookups.Add((jti, userId, tokenVersion));
            return ValueTask.FromResult(revoked);
        }

        public ValueTask RevokeAsync(string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask SetUserTokenVersionAsync(Guid userId, int tokenVersion, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
