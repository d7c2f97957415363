using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Infrastructure.Admission;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.Infrastructure.Sessions;
using StackExchange.Redis;

namespace Orchestrator.UnitTests.Infrastructure.Limits;

/// <summary>
/// The Redis admission: one call per request carrying the rate check and, for a readable bearer token, its
/// revocation lookup; while Redis does not answer, the limit is this instance's and the revocation answer its copy.
/// </summary>
public class RedisRequestAdmissionTests
{
    private const string Prefix = "test:";

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly HeldRepliesRedis.HeldCalls _calls;
    private readonly LimiterStoreStatus _status = new();
    private readonly CountingLogger<RedisRequestAdmission> _logger = new();
    private readonly CountingLogger<RedisTokenRevocationStore> _revocationLogger = new();
    private readonly InMemoryTokenRevocationStore _localRevocations;
    private readonly RedisRequestAdmission _admission;

    public RedisRequestAdmissionTests()
    {
        var redis = HeldRepliesRedis.Create(out _calls);
        var batcher = new RedisCheckBatcher(redis);
        var redisOptions = Options.Create(new RedisOptions { KeyPrefix = Prefix });
        _localRevocations = new InMemoryTokenRevocationStore(_clock);
        var revocations = new RedisTokenRevocationStore(redis, batcher, redisOptions, _localRevocations, _clock, _revocationLogger);
        _admission = new RedisRequestAdmission(
            batcher, revocations, new InMemoryLimiterStore(_clock, Options.Create(new RateLimitingOptions())), _status,
            Options.Create(new RateLimitingOptions { PermitsPerMinute = 3 }), redisOptions, _logger);
    }

    [Fact]
    public async Task Unreachable_redis_falls_back_to_a_local_limit_that_still_refuses()
    {
        var allowed = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            var admitting = _admission.AdmitAsync(IPAddress.Parse("203.0.113.1"), ReadOnlyMemory<char>.Empty, CancellationToken.None);
            _calls.Replies[i].SetException(Unreachable());
            allowed.Add((await admitting.AsTask().WaitAsync(AnswerTimeout)).Rate.Allowed);
        }

        allowed.ShouldBe([true, true, true, false, false]);
        _status.InFallback.ShouldBeTrue();
        _logger.Warnings.ShouldBe(1, "the switch is logged once");
    }

    [Fact]
    public async Task Returns_to_the_shared_limit_as_soon_as_redis_answers()
    {
        var first = _admission.AdmitAsync(IPAddress.Parse("203.0.113.1"), ReadOnlyMemory<char>.Empty, CancellationToken.None);
        _calls.Replies[0].SetException(Unreachable());
        await first.AsTask().WaitAsync(AnswerTimeout);

        var second = _admission.AdmitAsync(IPAddress.Parse("203.0.113.1"), ReadOnlyMemory<char>.Empty, CancellationToken.None);
        _calls.Replies[1].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer()]));
        var decision = await second.AsTask().WaitAsync(AnswerTimeout);

        // Redis had not seen this client: its full budget minus this request.
        decision.Rate.Remaining.ShouldBe(2);
        _status.InFallback.ShouldBeFalse();
        _logger.Informations.ShouldBe(1);
    }

    [Fact]
    public async Task A_readable_bearer_tokens_lookup_travels_in_the_rate_checks_call_and_answers_for_that_token_only()
    {
        var userId = Guid.CreateVersion7();

        var admitting = _admission.AdmitAsync(IPAddress.Parse("203.0.113.2"), Token("jti-1", userId, 3).AsMemory(), CancellationToken.None);

        _calls.Count.ShouldBe(1);
        _calls.Keys[0].ShouldBe([$"{Prefix}rate:ip:203.0.113.2", $"{Prefix}revoked-jti:jti-1", $"{Prefix}token-version:{userId:N}"]);
        _calls.Replies[0].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer(), RedisResult.Create(1)]));
        var decision = await admitting.AsTask().WaitAsync(AnswerTimeout);

        decision.Rate.Allowed.ShouldBeTrue();
        var revocation = decision.Revocation.ShouldNotBeNull();
        revocation.Revoked.ShouldBeTrue();
        revocation.IsFor("jti-1", userId, 3).ShouldBeTrue();
        revocation.IsFor("jti-2", userId, 3).ShouldBeFalse();
        revocation.IsFor("jti-1", userId, 4).ShouldBeFalse();
        revocation.IsFor("jti-1", Guid.CreateVersion7(), 3).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    public async Task A_bearer_token_that_cannot_be_read_adds_no_lookup(string token)
    {
        var admitting = _admission.AdmitAsync(IPAddress.Parse("203.0.113.3"), token.AsMemory(), CancellationToken.None);

        _calls.Keys[0].ShouldBe([$"{Prefix}rate:ip:203.0.113.3"]);
        _calls.Replies[0].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer()]));
        (await admitting.AsTask().WaitAsync(AnswerTimeout)).Revocation.ShouldBeNull();
    }

    [Fact]
    public async Task With_redis_unreachable_the_revocation_answer_is_this_instances_copy()
    {
        var userId = Guid.CreateVersion7();
        await _localRevocations.RevokeAsync("jti-9", _clock.GetUtcNow().AddMinutes(5), CancellationToken.None);

        var admitting = _admission.AdmitAsync(IPAddress.Parse("203.0.113.4"), Token("jti-9", userId, 0).AsMemory(), CancellationToken.None);
        _calls.Replies[0].SetException(Unreachable());
        var decision = await admitting.AsTask().WaitAsync(AnswerTimeout);

        decision.Rate.Allowed.ShouldBeTrue("decided on this instance's memory");
        decision.Revocation.ShouldNotBeNull().Revoked.ShouldBeTrue();
        _revocationLogger.Warnings.ShouldBe(1);
    }

    private static RedisConnectionException Unreachable() =>
        new(ConnectionFailureType.UnableToConnect, CommandFlags.None, "Redis is not connected.");

    // As the issuer writes it: the version is a JSON number.
    private static string Token(string jti, Guid userId, int version) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["jti"] = jti, ["sub"] = userId.ToString(), ["ver"] = version },
        });

    private sealed class CountingLogger<T> : ILogger<T>
    {
        public int Warnings { get; private set; }

        public int Informations { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Warnings += logLevel == LogLevel.Warning ? 1 : 0;
            Informations += logLevel == LogLevel.Information ? 1 : 0;
        }
    }
}
