using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// Who a generated request claims to be: real signed-in users (signed in again when a key rotation ends their tokens),
/// nobody, forged tokens and garbage Authorization values. Requests name a caller; the header is made at send time.
/// </summary>
public sealed class FuzzCallers
{
    public const string Admin = "admin";
    public const string Anonymous = "anonymous";

    private readonly OrchestratorApiFactory _factory;
    private readonly IReadOnlyDictionary<string, (string Username, string Password)> _accounts;
    private readonly SemaphoreSlim _signingIn = new(1, 1);
    private Dictionary<string, string> _tokens = [];
    private DateTime _signedInAt;

    public FuzzCallers(OrchestratorApiFactory factory, IReadOnlyDictionary<string, (string Username, string Password)> accounts)
    {
        _factory = factory;
        _accounts = accounts;
    }

    /// <summary>The callers a request may name, most likely first: the admin, the other accounts, nobody, forged and garbage.</summary>
    public static IReadOnlyList<string> Forged { get; } =
        ["forged: alg none", "forged: HS256 with another key", "forged: signature changed", "forged: expired", "forged: another audience"];

    public static IReadOnlyList<string> Garbage { get; } =
        ["garbage: Bearer", "garbage: Bearer x.y.z", "garbage: Basic", "garbage: long", "garbage: two tokens", "garbage: lower-case scheme"];

    public IReadOnlyList<string> Accounts => [.. _accounts.Keys];

    /// <summary>Sign-ins that failed while the run went on (the old token is kept): a generated request changed an account.</summary>
    public ConcurrentQueue<string> SignInFailures { get; } = new();

    public static async Task<FuzzCallers> SignInAsync(OrchestratorApiFactory factory, IReadOnlyDictionary<string, (string Username, string Password)> accounts)
    {
        var callers = new FuzzCallers(factory, accounts);
        await callers.RefreshAsync(TimeSpan.Zero);
        return callers;
    }

    /// <summary>The Authorization header for a caller, or null for none.</summary>
    public string? Authorization(string caller)
    {
        var tokens = _tokens;
        if (tokens.TryGetValue(caller, out var token))
        {
            return $"Bearer {token}";
        }

        var admin = tokens[Admin];
        var claims = Abuse.ForgedToken.Payload(admin);
        var header = Abuse.ForgedToken.Header("HS256", null);
        return caller switch
        {
            Anonymous => null,
            "forged: alg none" => "Bearer " + Abuse.ForgedToken.Unsigned(Abuse.ForgedToken.Header("none", null), claims) + ".",
            "forged: HS256 with another key" => "Bearer " + Abuse.ForgedToken.HmacSha256(header, claims, RandomNumberGenerator.GetBytes(32)),
            "forged: signature changed" => $"Bearer {admin[..^4]}{(admin.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA")}",
            "forged: expired" => "Bearer " + Abuse.ForgedToken.HmacSha256(header, claims.With("exp", JsonValue.Create(1)), RandomNumberGenerator.GetBytes(32)),
            "forged: another audience" => "Bearer " + Abuse.ForgedToken.HmacSha256(header, claims.With("aud", JsonValue.Create("elsewhere")), RandomNumberGenerator.GetBytes(32)),
            "garbage: Bearer" => "Bearer",
            "garbage: Bearer x.y.z" => "Bearer x.y.z",
            "garbage: Basic" => "Basic YWRtaW46YWRtaW4=",
            "garbage: long" => "Bearer " + new string('a', 6000),
            "garbage: two tokens" => $"Bearer {admin}, Bearer {admin}",
            "garbage: lower-case scheme" => $"bearer {admin}",
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "unknown caller"),
        };
    }

    private async Task<string?> SignInAsync(string username, string password)
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = username,
            ["password"] = password,
        }));
        if (response.IsSuccessStatusCode)
        {
            return (await response.ReadJsonAsync())["access_token"]?.GetValue<string>();
        }

        SignInFailures.Enqueue($"{username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return null;
    }

    /// <summary>Signs every account in again, at most once per <paramref name="interval"/> however many requests ask.</summary>
    public async Task RefreshAsync(TimeSpan interval)
    {
        var asked = DateTime.UtcNow;
        await _signingIn.WaitAsync();
        try
        {
            if (asked - _signedInAt < interval)
            {
                return;
            }

            var tokens = new Dictionary<string, string>(_tokens);
            foreach (var (caller, (username, password)) in _accounts)
            {
                tokens[caller] = await SignInAsync(username, password) ?? tokens.GetValueOrDefault(caller) ?? throw new InvalidOperationException($"{caller} cannot sign in");
            }

            _tokens = tokens;
            _signedInAt = DateTime.UtcNow;
        }
        finally
        {
            _signingIn.Release();
        }
    }
}
