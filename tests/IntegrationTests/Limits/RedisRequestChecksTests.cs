using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Limits;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.Infrastructure.Sessions;
using Orchestrator.IntegrationTests.Infrastructure;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>
/// Concurrent requests' rate and revocation checks travel to Redis together, in fewer script calls than
/// checks, and each still gets the answer it would have got alone.
/// </summary>
public sealed class RedisRequestChecksTests : IDisposable
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
    private readonly RedisRequestChecks _checks;
    private readonly ProfilingSession _profile = new();

    public RedisRequestChecksTests()
    {
        _checks = new RedisRequestChecks(_redis);
        _redis.RegisterProfiler(() => _profile);
    }

    [Fact]
    public async Task Checks_asked_together_share_calls_and_admit_exactly_the_permits()
    {
        var asked = Enumerable.Range(0, 64).Select(_ => _checks.AcquireRateAsync(_prefix + "rate:ip:192.0.2.1", TenPerMinute)).ToList();
        var decisions = await Task.WhenAll(asked);

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

        var otherAddress = _checks.AcquireRateAsync(_prefix + "rate:ip:192.0.2.2", new RatePolicy(1, TimeSpan.FromMinutes(1)));
        var spentToken = _checks.IsRevokedAsync(_prefix + "revoked-jti:spent", _prefix + "token-version:user-a", 0, NoFallback);
        var liveToken = _checks.IsRevokedAsync(_prefix + "revoked-jti:live", _prefix + "token-version:user-a", 0, NoFallback);
        var olderVersion = _checks.IsRevokedAsync(_prefix + "revoked-jti:live", _prefix + "token-version:user-b", 3, NoFallback);
        var currentVersion = _checks.IsRevokedAsync(_prefix + "revoked-jti:live", _prefix + "token-version:user-b", 4, NoFallback);
        var refused = _checks.AcquireRateAsync(_prefix + "rate:ip:192.0.2.2", new RatePolicy(1, TimeSpan.FromMinutes(1)));

        (await otherAddress).Allowed.ShouldBeTrue();
        (await spentToken).ShouldBeTrue();
        (await liveToken).ShouldBeFalse();
        (await olderVersion).ShouldBeTrue();
        (await currentVersion).ShouldBeFalse();
        (await refused).Allowed.ShouldBeFalse();
    }

    [Fact]
    public async Task A_call_that_fails_fails_its_rate_checks_and_answers_its_revocation_checks_from_the_fallback()
    {
        using var unreachable = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{UnusedPort()},abortConnect=false,connectTimeout=200");
        var checks = new RedisRequestChecks(unreachable);
        var fallbackReasons = new List<Exception>();

        var rate = checks.AcquireRateAsync(_prefix + "rate:ip:192.0.2.3", TenPerMinute);
        var revocation = checks.IsRevokedAsync(_prefix + "revoked-jti:x", _prefix + "token-version:x", 0, exception =>
        {
            fallbackReasons.Add(exception);
            return true;
        });

        await Should.ThrowAsync<RedisConnectionException>(rate);
        (await revocation).ShouldBeTrue("the fallback's answer");
        fallbackReasons.ShouldHaveSingleItem().ShouldBeOfType<RedisConnectionException>();
    }

    [Fact]
    public async Task A_request_finds_its_revocation_answer_ready_once_its_rate_decision_has_come()
    {
        // As requests ask them through the two stores, without the middleware's gathering scope: each its revocation
        // lookup, then its rate check, then it waits for the rate decision and, during authentication, for the
        // revocation answer. The first pair leaves in two calls at once, whose answers go out in that order; every
        // later pair waits for the next call and travels in it together.
        var options = Options.Create(new RedisOptions { KeyPrefix = _prefix });
        var revocations = new RedisTokenRevocationStore(
            _redis, _checks, options, new InMemoryTokenRevocationStore(TimeProvider.System), TimeProvider.System, NullLogger<RedisTokenRevocationStore>.Instance);
        var limits = new RedisLimiterStore(_redis, _checks, options, TimeProvider.System);
        await revocations.IsRevokedAsync("warm-up", Guid.CreateVersion7(), 0, CancellationToken.None);
        await limits.AcquireRateAsync("ip:192.0.2.255", TenPerMinute, CancellationToken.None);

        // Redis busy for a moment (another connection's script), so that no call returns while the pairs are
        // asked: which questions share a call is then decided by the asking alone, never by timing.
        using var other = await ConnectionMultiplexer.ConnectAsync(TestRedis.ConnectionString);
        var busy = other.GetDatabase().ScriptEvaluateAsync(BusyFor50Milliseconds);
        await Task.Delay(TimeSpan.FromMilliseconds(10));

        var requests = Enumerable.Range(0, 32).Select(i =>
        (
            Revocation: revocations.IsRevokedAsync($"jti-{i}", Guid.CreateVersion7(), 0, CancellationToken.None).AsTask(),
            Rate: limits.AcquireRateAsync($"ip:192.0.2.{i}", TenPerMinute, CancellationToken.None).AsTask()
        )).ToList();

        foreach (var (revocation, rate) in requests)
        {
            (await rate).Allowed.ShouldBeTrue();
            revocation.IsCompleted.ShouldBeTrue("the revocation answer went out before the rate decision");
            (await revocation).ShouldBeFalse();
        }

        await busy;
    }

    public void Dispose() => _redis.Dispose();

    private static bool NoFallback(Exception exception) => throw new InvalidOperationException("Redis is up in this test.", exception);

    private int ScriptCalls() =>
        _profile.FinishProfiling().Count(command => command.Command is "EVAL" or "EVALSHA");

    private static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
