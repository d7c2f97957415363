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
        var redis = HeldRepliesRedis.Create(out var calls);
        var replies = calls.Replies;
        var checks = new RedisRequestChecks(redis);

        // Asked outside a gathering scope on an idle connection, a request's revocation lookup leaves alone and its
        // rate check in the next call (inside one, they still split when a call leaves between the two questions).
        var revoked = checks.IsRevokedAsync("revoked-jti:a", "token-version:a", 0, _ => false);
        var rate = checks.AcquireRateAsync("rate:ip:192.0.2.1", TenPerMinute);
        replies.Count.ShouldBe(2, "two calls in flight, one question each");

        replies[1].SetResult(OneAnswer(HeldRepliesRedis.FreshRateAnswer()));
        rate.IsCompleted.ShouldBeFalse("the rate decision waits for the revocation answer that left before it");

        replies[0].SetResult(OneAnswer(RedisResult.Create(1)));
        (await revoked.WaitAsync(AnswerTimeout)).ShouldBeTrue();
        (await rate.WaitAsync(AnswerTimeout)).Allowed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_failed_earlier_call_still_lets_the_later_calls_answers_out()
    {
        var redis = HeldRepliesRedis.Create(out var calls);
        var replies = calls.Replies;
        var checks = new RedisRequestChecks(redis);

        var revoked = checks.IsRevokedAsync("revoked-jti:b", "token-version:b", 0, _ => true);
        var rate = checks.AcquireRateAsync("rate:ip:192.0.2.2", TenPerMinute);

        replies[1].SetResult(OneAnswer(HeldRepliesRedis.FreshRateAnswer()));
        replies[0].SetException(new RedisConnectionException(ConnectionFailureType.SocketClosed, CommandFlags.None, "The connection closed before the reply."));

        (await revoked.WaitAsync(AnswerTimeout)).ShouldBeTrue("the fallback's answer");
        (await rate.WaitAsync(AnswerTimeout)).Allowed.ShouldBeTrue();
    }

    // A call's reply holds one answer per question: here, one question per call. A rate answer is the server's
    // clock and the TAT it started from (µs); a revocation answer is 1 when revoked.
    private static RedisResult OneAnswer(RedisResult answer) => RedisResult.Create([answer]);
}
