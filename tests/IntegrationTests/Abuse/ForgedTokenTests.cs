using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Infrastructure.Security;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>Forged, tampered and misplaced access tokens: every one gets 401 with WWW-Authenticate: Bearer, and no data.</summary>
public sealed class ForgedTokenTests(OrchestratorApiFactory factory, ITestOutputHelper output) : IClassFixture<OrchestratorApiFactory>
{
    private static readonly string[] ProtectedPaths = ["/api/v1/me", "/api/v1/users", "/api/v1/resources", "/api/v1/audit"];

    [Fact]
    public async Task Forged_tampered_expired_and_misaddressed_tokens_all_get_401_and_the_genuine_one_200()
    {
        var user = await UserAccount.CreateAsync(factory, "operator");
        var victim = await UserAccount.CreateAsync(factory, "admin");
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        var genuine = tokens.Access();
        var key = factory.Services.GetRequiredService<SigningKeyProvider>().SigningKey;
        var kid = key.KeyId;
        var realKey = key.Key;
        var claims = ForgedToken.Payload(genuine);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var attackerKey = RandomNumberGenerator.GetBytes(64);
        using var attackerRsa = RSA.Create(2048);
        var signature = genuine.Split('.')[2];

        string RealKey(JsonObject payload, string? keyId = null, string typ = "at+jwt") =>
            ForgedToken.HmacSha256(ForgedToken.Header("HS256", keyId ?? kid, typ), payload.With("jti", Guid.NewGuid().ToString("N")), realKey);

        // The harness itself is sound: the genuine claims signed by hand with the real key are accepted.
        using (var control = factory.CreateBearerClient(RealKey(claims)))
        using (var response = await control.GetAsync("/api/v1/me"))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, "a token signed by hand with the real key and kid must be accepted");
        }

        var jwkHeader = ForgedToken.Header("HS256", "attacker");
        jwkHeader["jwk"] = new JsonObject { ["kty"] = "oct", ["kid"] = "attacker", ["k"] = Base64UrlEncoder.Encode(attackerKey) };
        var jkuHeader = ForgedToken.Header("HS256", kid);
        jkuHeader["jku"] = "https://attacker.example/jwks.json";
        var noTyp = ForgedToken.Header("HS256", kid);
        noTyp.Remove("typ");

        var forged = new Dictionary<string, string>
        {
            ["alg none, no signature"] = ForgedToken.Unsigned(ForgedToken.Header("none", kid), claims) + ".",
            ["alg None, no signature"] = ForgedToken.Unsigned(ForgedToken.Header("None", kid), claims) + ".",
            ["alg none, the genuine signature kept"] = ForgedToken.Unsigned(ForgedToken.Header("none", kid), claims) + "." + signature,
            ["wrong key, real kid"] = ForgedToken.HmacSha256(ForgedToken.Header("HS256", kid), claims, attackerKey),
            ["wrong key, unknown kid"] = ForgedToken.HmacSha256(ForgedToken.Header("HS256", "attacker-key"), claims, attackerKey),
            ["real key, no kid"] = ForgedToken.HmacSha256(ForgedToken.Header("HS256", null), claims, realKey),
            ["real key, kid naming a file"] = ForgedToken.HmacSha256(ForgedToken.Header("HS256", "../../../../../../dev/null"), claims, realKey),
            ["empty key, kid naming /dev/null"] = ForgedToken.HmacSha256(ForgedToken.Header("HS256", "../../../../../../dev/null"), claims, []),
            ["kid with SQL choosing the key"] = ForgedToken.HmacSha256(ForgedToken.Header("HS256", "x' UNION SELECT 'key' --"), claims, Encoding.ASCII.GetBytes("key")),
            ["kid as a URL"] = ForgedToken.HmacSha256(ForgedToken.Header("HS256", "https://attacker.example/key"), claims, attackerKey),
            ["RS256 with an attacker's RSA key, real kid"] = ForgedToken.Rs256(ForgedToken.Header("RS256", kid), claims, attackerRsa),
            ["RS256 header over an HMAC of the real key"] = ForgedToken.HmacSha256(ForgedToken.Header("RS256", kid), claims, realKey),
            ["HS256 keyed with a public key PEM"] = ForgedToken.HmacSha256(ForgedToken.Header("HS256", kid), claims, Encoding.ASCII.GetBytes(attackerRsa.ExportSubjectPublicKeyInfoPem())),
            ["HS512 with the real key (algorithm not pinned)"] = ForgedToken.HmacSha512(ForgedToken.Header("HS512", kid), claims, realKey),
            ["embedded jwk with the attacker's key"] = ForgedToken.HmacSha256(jwkHeader, claims, attackerKey),
            ["jku pointing at the attacker"] = ForgedToken.HmacSha256(jkuHeader, claims, attackerKey),
            ["role tampered to admin, signature kept"] = $"{ForgedToken.Unsigned(ForgedToken.Header("HS256", kid), claims.With("role", "admin"))}.{signature}",
            ["sub tampered to another user, signature kept"] = $"{ForgedToken.Unsigned(ForgedToken.Header("HS256", kid), claims.With("sub", victim.Id.ToString()))}.{signature}",
            ["exp extended, signature kept"] = $"{ForgedToken.Unsigned(ForgedToken.Header("HS256", kid), claims.With("exp", now + 86_400))}.{signature}",
            ["signature truncated"] = genuine[..^4],
            ["signature of another token"] = $"{genuine[..genuine.LastIndexOf('.')]}.{Base64UrlEncoder.Encode(attackerKey)}",
            ["expired beyond the clock skew, real key"] = RealKey(claims.With("iat", now - 3600).With("nbf", now - 3600).With("exp", now - 120)),
            ["not yet valid, real key"] = RealKey(claims.With("nbf", now + 600).With("exp", now + 1200)),
            ["no exp, real key"] = RealKey(claims.With("exp", null)),
            ["wrong issuer, real key"] = RealKey(claims.With("iss", "https://attacker.example")),
            ["wrong audience, real key"] = RealKey(claims.With("aud", "another-api")),
            ["no issuer, real key"] = RealKey(claims.With("iss", null)),
            ["no audience, real key"] = RealKey(claims.With("aud", null)),
            ["typ JWT instead of at+jwt, real key"] = RealKey(claims, typ: "JWT"),
            ["no typ, real key"] = ForgedToken.HmacSha256(noTyp, claims, realKey),
            ["no jti, real key"] = ForgedToken.HmacSha256(ForgedToken.Header("HS256", kid), claims.With("jti", null), realKey),
            ["no ver, real key"] = RealKey(claims.With("ver", null)),
            ["ver as text with SQL, real key"] = RealKey(claims.With("ver", "0 OR 1=1")),
            ["no sub, real key"] = RealKey(claims.With("sub", null)),
            ["sub not an id, real key"] = RealKey(claims.With("sub", "' OR '1'='1")),
            ["a refresh token as bearer"] = tokens.Refresh(),
            ["garbage"] = "not.a.jwt",
            ["empty segments"] = "..",
            ["header not JSON"] = $"{Base64UrlEncoder.Encode("{{{{")}.{Base64UrlEncoder.Encode("{}")}.",
            ["20 KB token"] = new string('a', 20_000),
        };

        var tally = new TrafficTally("forged tokens");
        foreach (var (name, token) in forged)
        {
            foreach (var path in ProtectedPaths)
            {
                using var client = factory.CreateClient();
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
                await SendExpecting401Async(client, request, $"{name} at {path}", tally);
            }
        }

        // Other places and schemes a token must never be taken from.
        string[] misplaced = ["query", "basic", "scheme only", "two tokens"];
        foreach (var place in misplaced)
        {
            using var client = factory.CreateClient();
            using var request = place switch
            {
                "query" => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/me?access_token={genuine}"),
                _ => new HttpRequestMessage(HttpMethod.Get, "/api/v1/me"),
            };
            switch (place)
            {
                case "basic":
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user.Username}:{user.Password}")));
                    break;
                case "scheme only":
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer");
                    break;
                case "two tokens":
                    request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {RealKey(claims.With("exp", now - 600))} {genuine}");
                    break;
                default:
                    break;
            }

            await SendExpecting401Async(client, request, $"token in {place}", tally);
        }

        tally.Report(output, $"{forged.Count + misplaced.Length} kinds of token");
    }

    private static async Task SendExpecting401Async(HttpClient client, HttpRequestMessage request, string description, TrafficTally tally)
    {
        using var response = await client.SendAsync(request);
        tally.Record(response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            tally.Fail($"{description}: {(int)response.StatusCode} {body}");
            return;
        }

        if (!response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"))
        {
            tally.Fail($"{description}: 401 without WWW-Authenticate: Bearer");
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            tally.Fail($"{description}: 401 without problem+json");
        }

        ApiClient.ShouldLeakNothing(body);
    }
}
