using System.Reflection;
using Orchestrator.Application.Common.Limits;
using Orchestrator.Infrastructure.Limits;
using StackExchange.Redis;

namespace Orchestrator.UnitTests.Infrastructure.Limits;

/// <summary>
/// Calls' answers go out in the order the calls left, even when a later call's reply is read first. A real
/// Redis replies in order and the threads reading the replies race, which no test against a server can
/// provoke on purpose; here the test itself decides when each call's reply arrives.
/// (The checks against a real Redis are in the integration tests' <c>RedisRequestChecksTests</c>.)
/// </summary>
public sealed class RedisRequestChecksOrderTests
{
    private static readonly RatePolicy TenPerMinute = new(10, TimeSpan.FromMinutes(1));

    // An answer that never goes out fails the test instead of hanging it.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_later_calls_reply_waits_until_the_earlier_calls_answers_are_out()
    {
        var redis = HeldRepliesRedis.Create(out var replies);
        var checks = new RedisRequestChecks(redis);

        // As a request asks them: its revocation lookup leaves alone, its rate check in the next call.
        var revoked = checks.IsRevokedAsync("revoked-jti:a", "token-version:a", 0, _ => false);
        var rate = checks.AcquireRateAsync("rate:ip:192.0.2.1", TenPerMinute);
        replies.Count.ShouldBe(2, "two calls in flight, one question each");

        replies[1].SetResult(OneAnswer(FreshRateAnswer()));
        rate.IsCompleted.ShouldBeFalse("the rate decision waits for the revocation answer that left before it");

        replies[0].SetResult(OneAnswer(RedisResult.Create(1)));
        (await revoked.WaitAsync(AnswerTimeout)).ShouldBeTrue();
        (await rate.WaitAsync(AnswerTimeout)).Allowed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_failed_earlier_call_still_lets_the_later_calls_answers_out()
    {
        var redis = HeldRepliesRedis.Create(out var replies);
        var checks = new RedisRequestChecks(redis);

        var revoked = checks.IsRevokedAsync("revoked-jti:b", "token-version:b", 0, _ => true);
        var rate = checks.AcquireRateAsync("rate:ip:192.0.2.2", TenPerMinute);

        replies[1].SetResult(OneAnswer(FreshRateAnswer()));
        replies[0].SetException(new RedisConnectionException(ConnectionFailureType.SocketClosed, CommandFlags.None, "The connection closed before the reply."));

        (await revoked.WaitAsync(AnswerTimeout)).ShouldBeTrue("the fallback's answer");
        (await rate.WaitAsync(AnswerTimeout)).Allowed.ShouldBeTrue();
    }

    // A call's reply holds one answer per question: here, one question per call. A rate answer is the server's
    // clock and the TAT it started from (µs); a revocation answer is 1 when revoked.
    private static RedisResult OneAnswer(RedisResult answer) => RedisResult.Create([answer]);

    // The server's clock and a TAT no later than it: an address with its whole quota left.
    private static RedisResult FreshRateAnswer()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        return RedisResult.Create([RedisResult.Create(now), RedisResult.Create(now)]);
    }

    /// <summary>
    /// A connection whose every script call is held until the test sets its reply: <c>replies[i]</c> is the i-th
    /// call's. Anything else the checks do not use throws.
    /// </summary>
    public class HeldRepliesRedis : DispatchProxy
    {
        private List<TaskCompletionSource<RedisResult>> _replies = [];
        private object? _database;

        public static IConnectionMultiplexer Create(out List<TaskCompletionSource<RedisResult>> replies)
        {
            var connection = DispatchProxy.Create<IConnectionMultiplexer, HeldRepliesRedis>();
            var database = DispatchProxy.Create<IDatabase, HeldRepliesRedis>();
            replies = [];
            ((HeldRepliesRedis)(object)connection)._replies = replies;
            ((HeldRepliesRedis)(object)connection)._database = database;
            ((HeldRepliesRedis)(object)database)._replies = replies;
            return connection;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_IsConnected" => true,
            "GetDatabase" => _database,
            "ScriptEvaluateAsync" when args is [string, ..] => Hold(),
            _ => throw new NotSupportedException($"{targetMethod?.Name} is not used by the request checks."),
        };

        // The checks' own continuation runs inline when the test sets the reply, as a pool thread would run it.
        private Task<RedisResult> Hold()
        {
            var reply = new TaskCompletionSource<RedisResult>();
            _replies.Add(reply);
            return reply.Task;
        }
    }
}
