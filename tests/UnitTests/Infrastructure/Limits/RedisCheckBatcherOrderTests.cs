using Orchestrator.Application.Common.Limits;
using Orchestrator.Infrastructure.Limits;
using StackExchange.Redis;

namespace Orchestrator.UnitTests.Infrastructure.Limits;

/// <summary>
/// Batches' answers go out in the order the batches left, even when a later batch's reply is read first. A real
/// Redis replies in order and the threads reading the replies race, which no test against a server can provoke
/// on purpose; here the test itself decides when each call's reply arrives.
/// (The checks against a real Redis are in the integration tests' <c>RedisCheckBatcherTests</c>.)
/// </summary>
public sealed class RedisCheckBatcherOrderTests
{
    private static readonly RatePolicy TenPerMinute = new(10, TimeSpan.FromMinutes(1));

    // An answer that never goes out fails the test instead of hanging it.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_later_calls_reply_waits_until_the_earlier_calls_answers_are_out()
    {
        var redis = HeldRepliesRedis.Create(out var calls);
        var replies = calls.Replies;
        var batcher = new RedisCheckBatcher(redis);

        // On an idle connection, each leaves at once: two calls in flight, one check each.
        var revoked = batcher.CheckAsync(null, new RedisRevocationCheck("revoked-jti:a", "token-version:a", 0));
        var rate = batcher.CheckAsync(new RedisRateCheck("rate:ip:192.0.2.1", TenPerMinute), null);
        replies.Count.ShouldBe(2, "two calls in flight, one check each");

        replies[1].SetResult(OneAnswer(HeldRepliesRedis.FreshRateAnswer()));
        rate.IsCompleted.ShouldBeFalse("the later call's answer waits for the one that left before it");

        replies[0].SetResult(OneAnswer(RedisResult.Create(1)));
        (await revoked.WaitAsync(AnswerTimeout)).Revoked.ShouldBe(true);
        (await rate.WaitAsync(AnswerTimeout)).Rate!.Allowed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_failed_earlier_call_still_lets_the_later_calls_answers_out()
    {
        var redis = HeldRepliesRedis.Create(out var calls);
        var replies = calls.Replies;
        var batcher = new RedisCheckBatcher(redis);

        var revoked = batcher.CheckAsync(null, new RedisRevocationCheck("revoked-jti:b", "token-version:b", 0));
        var rate = batcher.CheckAsync(new RedisRateCheck("rate:ip:192.0.2.2", TenPerMinute), null);

        replies[1].SetResult(OneAnswer(HeldRepliesRedis.FreshRateAnswer()));
        replies[0].SetException(new RedisConnectionException(ConnectionFailureType.SocketClosed, CommandFlags.None, "The connection closed before the reply."));

        var failed = await revoked.WaitAsync(AnswerTimeout);
        failed.Revoked.ShouldBeNull();
        failed.Failure.ShouldBeOfType<RedisConnectionException>();
        (await rate.WaitAsync(AnswerTimeout)).Rate!.Allowed.ShouldBeTrue();
    }

    // A call's reply holds one answer per check: here, one check per call. A rate answer is the server's
    // clock and the TAT it started from (µs); a revocation answer is 1 when revoked.
    private static RedisResult OneAnswer(RedisResult answer) => RedisResult.Create([answer]);
}
