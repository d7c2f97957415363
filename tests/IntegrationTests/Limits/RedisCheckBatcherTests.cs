using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Application.Common.Limits;
using Orchestrator.Infrastructure.Admission;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.Infrastructure.Sessions;
using Orchestrator.IntegrationTests.Infrastructure;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>
/// Concurrent requests' rate and revocation checks travel to Redis batched, in fewer script calls than
/// checks, and each still gets the answer it would have got alone.
/// </summary>
public sealed class RedisCheckBatcherTests : IDisposable
{
    private static readonly RatePolicy TenPerMinute = new(10, TimeSpan.FromMinutes(1));

    // Redis runs one script at a time; this one keeps it from answering anything else for 50 ms.
    private const string BusyFor50Milliseconds = """
        local t = redis.call('TIME')
        local stop = tonumber(t[1]) * 1000000 + tonumber(t[2]) + 50000
        repeat t = redis.call('TIME') until tonumber(t[1]) * 1000000 + tonumber(t[2]) >= stop
        return 1
        """;

    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(TestRedis.ConnectionString);
    private readonly string _prefix = TestRedis.NewKeyPrefix();
    private readonly RedisCheckBatcher _batcher;
    private readonly ProfilingSession _profile = new();

    public RedisCheckBatcherTests()
    {
        _batcher = new RedisCheckBatcher(_redis);
        _redis.RegisterProfiler(() => _profile);
    }

    [Fact]
    public async Task Checks_asked_together_share_calls_and_admit_exactly_the_permits()
    {
        var asked = Enumerable.Range(0, 64).Select(_ => _batcher.CheckAsync(Rate("192.0.2.1"), null)).ToList();
        var decisions = (await Task.WhenAll(asked)).Select(answers => answers.Rate!).ToList();

        decisions.Count(d => d.Allowed).ShouldBe(10);

        // Admitted in the order asked, each counting down: the script decides them one after another.
        decisions.Take(10).Select(d => d.Remaining).ShouldBe([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        decisions.Skip(10).ShouldAllBe(d => !d.Allowed && d.RetryAfter > TimeSpan.Zero);

        var calls = ScriptCalls();
        calls.ShouldBeGreaterThanOrEqualTo(2);
        calls.ShouldBeLessThan(asked.Count / 4, "64 checks asked at once leave in a few calls, not one each");
    }

    [Fact]
    public async Task Rate_and_revocation_checks_in_one_call_each_get_their_own_answer()
    {
        var db = _redis.GetDatabase();
        await db.StringSetAsync(_prefix + "revoked-jti:spent", 1, TimeSpan.FromMinutes(5));
        await db.StringSetAsync(_prefix + "token-version:user-b", 4);
        var onePerMinute = new RatePolicy(1, TimeSpan.FromMinutes(1));

        var otherAddress = _batcher.CheckAsync(new RedisRateCheck(_prefix + "rate:ip:192.0.2.2", onePerMinute), Revocation("spent", "user-a", 0));
        var liveToken = _batcher.CheckAsync(null, Revocation("live", "user-a", 0));
        var olderVersion = _batcher.CheckAsync(null, Revocation("live", "user-b", 3));
        var currentVersion = _batcher.CheckAsync(null, Revocation("live", "user-b", 4));
        var refused = _batcher.CheckAsync(new RedisRateCheck(_prefix + "rate:ip:192.0.2.2", onePerMinute), null);

        var first = await otherAddress;
        first.Rate!.Allowed.ShouldBeTrue();
        first.Revoked.ShouldBe(true);
        (await liveToken).Revoked.ShouldBe(false);
        (await olderVersion).Revoked.ShouldBe(true);
        (await currentVersion).Revoked.ShouldBe(false);
        var last = await refused;
        last.Rate!.Allowed.ShouldBeFalse();
        last.Revoked.ShouldBeNull("not asked");
    }

    [Fact]
    public async Task A_call_that_fails_gives_every_check_in_it_the_failure_and_no_answer()
    {
        using var unreachable = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{UnusedPort()},abortConnect=false,connectTimeout=200");
        var batcher = new RedisCheckBatcher(unreachable);

        var answers = await batcher.CheckAsync(Rate("192.0.2.3"), Revocation("x", "x", 0));

        answers.Rate.ShouldBeNull();
        answers.Revoked.ShouldBeNull();
        answers.Failure.ShouldBeOfType<RedisConnectionException>();
    }

    [Fact]
    public async Task Concurrent_admissions_each_get_both_answers_from_one_call_shared_with_others()
    {
        var options = Options.Create(new RedisOptions { KeyPrefix = _prefix });
        var revocations = new RedisTokenRevocationStore(
            _redis, _batcher, options, new InMemoryTokenRevocationStore(TimeProvider.System), TimeProvider.System, NullLogger<RedisTokenRevocationStore>.Instance);
        var admission = new RedisRequestAdmission(
            _batcher, revocations, new InMemoryLimiterStore(TimeProvider.System, Options.Create(new RateLimitingOptions())), new LimiterStoreStatus(),
            Options.Create(new RateLimitingOptions { PermitsPerMinute = 10 }), options, NullLogger<RedisRequestAdmission>.Instance);
        await admission.AdmitAsync(IPAddress.Parse("192.0.2.255"), ReadOnlyMemory<char>.Empty, CancellationToken.None);
        _profile.FinishProfiling();

        // Redis busy for a moment (another connection's script), so that no call returns while the requests
        // arrive: which checks share a call is then decided by the asking alone, never by timing.
        using var other = await ConnectionMultiplexer.ConnectAsync(TestRedis.ConnectionString);
        var busy = other.GetDatabase().ScriptEvaluateAsync(BusyFor50Milliseconds);
        await Task.Delay(TimeSpan.FromMilliseconds(10));

        var tokens = Enumerable.Range(0, 32).Select(i => Token($"jti-{i}", Guid.CreateVersion7(), 0)).ToList();
        var admitted = await Task.WhenAll(tokens.Select((token, i) =>
            admission.AdmitAsync(IPAddress.Parse($"192.0.2.{i}"), token.AsMemory(), CancellationToken.None).AsTask()));

        foreach (var decision in admitted)
        {
            decision.Rate.Allowed.ShouldBeTrue();
            decision.Revocation.ShouldNotBeNull().Revoked.ShouldBeFalse();
        }

        ScriptCalls().ShouldBeLessThan(tokens.Count / 4, "32 requests' checks leave in a few calls");
        await busy;
    }

    public void Dispose() => _redis.Dispose();

    private RedisRateCheck Rate(string address) => new(_prefix + "rate:ip:" + address, TenPerMinute);

    private RedisRevocationCheck Revocation(string jti, string user, int version) =>
        new(_prefix + "revoked-jti:" + jti, _prefix + "token-version:" + user, version);

    // As the issuer writes it: the version is a JSON number.
    private static string Token(string jti, Guid userId, int version) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["jti"] = jti, ["sub"] = userId.ToString(), ["ver"] = version },
        });

    private int ScriptCalls() =>
        _profile.FinishProfiling().Count(command => command.Command is "EVAL" or "EVALSHA");

    private static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
