using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.WebApi.Security;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>
/// The early revocation lookup that rides with the per-IP limit's Redis round trip: its answer may only stand
/// for the very token that authentication later validates.
/// </summary>
public class RevocationLookaheadTests
{
    private static readonly Guid UserId = Guid.CreateVersion7();

    [Fact]
    public async Task The_early_answer_is_used_for_the_token_it_was_looked_up_for()
    {
        var store = new CountingStore(isRemote: true, revoked: true);
        var context = WithBearer(Token("jti-1", UserId, 3));

        RevocationLookahead.Start(context, store);
        var revoked = await RevocationLookahead.IsRevokedAsync(context, store, "jti-1", UserId, 3);

        revoked.ShouldBeTrue();
        store.Lookups.ShouldBe([("jti-1", UserId, 3)]);
    }

    [Theory]
    [InlineData("jti-2", 3)]
    [InlineData("jti-1", 4)]
    public async Task A_validated_token_other_than_the_one_read_early_is_looked_up_again(string validatedJti, int validatedVersion)
    {
        var store = new CountingStore(isRemote: true, revoked: false);
        var context = WithBearer(Token("jti-1", UserId, 3));

        RevocationLookahead.Start(context, store);
        await RevocationLookahead.IsRevokedAsync(context, store, validatedJti, UserId, validatedVersion);

        store.Lookups.ShouldBe([("jti-1", UserId, 3), (validatedJti, UserId, validatedVersion)]);
    }

    [Fact]
    public async Task Another_user_in_the_validated_token_is_looked_up_again()
    {
        var store = new CountingStore(isRemote: true, revoked: false);
        var context = WithBearer(Token("jti-1", UserId, 3));
        var other = Guid.CreateVersion7();

        RevocationLookahead.Start(context, store);
        await RevocationLookahead.IsRevokedAsync(context, store, "jti-1", other, 3);

        store.Lookups.ShouldBe([("jti-1", UserId, 3), ("jti-1", other, 3)]);
    }

    [Fact]
    public async Task A_local_store_is_only_asked_after_authentication()
    {
        var store = new CountingStore(isRemote: false, revoked: false);
        var context = WithBearer(Token("jti-1", UserId, 3));

        RevocationLookahead.Start(context, store);
        store.Lookups.ShouldBeEmpty();

        await RevocationLookahead.IsRevokedAsync(context, store, "jti-1", UserId, 3);
        store.Lookups.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("")]
    public void A_header_that_holds_no_readable_token_starts_nothing(string authorization)
    {
        var store = new CountingStore(isRemote: true, revoked: false);
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = authorization;

        RevocationLookahead.Start(context, store);

        store.Lookups.ShouldBeEmpty();
    }

    [Fact]
    public void A_token_without_a_version_starts_nothing()
    {
        var store = new CountingStore(isRemote: true, revoked: false);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["jti"] = "jti-1", ["sub"] = UserId.ToString() },
        });

        RevocationLookahead.Start(WithBearer(token), store);

        store.Lookups.ShouldBeEmpty();
    }

    [Fact]
    public void The_claims_are_read_whatever_else_the_payload_holds_and_a_version_written_as_a_string_counts()
    {
        var store = new CountingStore(isRemote: true, revoked: false);
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

        RevocationLookahead.Start(WithBearer(token), store);

        store.Lookups.ShouldBe([("jti-1", UserId, 7)]);
    }

    [Theory]
    [InlineData("[\"jti\", \"sub\", \"ver\"]")]
    [InlineData("{\"jti\": \"\u00ff\u00fe\", \"sub\": \"x\", \"ver\": 1}")]
    [InlineData("{\"jti\": \"a\", ")]
    public void A_payload_that_is_not_a_JSON_object_of_UTF_8_starts_nothing(string latin1Payload)
    {
        var store = new CountingStore(isRemote: true, revoked: false);

        // Latin-1 bytes: U+00FF and U+00FE become the lone bytes 0xFF 0xFE, which are not UTF-8.
        var payload = Base64UrlEncoder.Encode(System.Text.Encoding.Latin1.GetBytes(latin1Payload));

        RevocationLookahead.Start(WithBearer($"eyJhbGciOiJub25lIn0.{payload}.sig"), store);

        store.Lookups.ShouldBeEmpty();
    }

    // As the issuer writes it: the version is a JSON number.
    private static string Token(string jti, Guid userId, int version) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["jti"] = jti, ["sub"] = userId.ToString(), ["ver"] = version },
        });

    private static DefaultHttpContext WithBearer(string token)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = $"Bearer {token}";
        return context;
    }

    private sealed class CountingStore(bool isRemote, bool revoked) : ITokenRevocationStore
    {
        public List<(string Jti, Guid UserId, int Version)> Lookups { get; } = [];

        public bool IsRemote => isRemote;

        public ValueTask<bool> IsRevokedAsync(string jti, Guid userId, int tokenVersion, CancellationToken cancellationToken)
        {
            Lookups.Add((jti, userId, tokenVersion));
            return ValueTask.FromResult(revoked);
        }

        public ValueTask RevokeAsync(string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask SetUserTokenVersionAsync(Guid userId, int tokenVersion, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
