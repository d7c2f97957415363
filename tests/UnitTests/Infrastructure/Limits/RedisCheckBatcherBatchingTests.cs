using Orchestrator.Application.Common.Limits;
using Orchestrator.Infrastructure.Limits;
using StackExchange.Redis;

namespace Orchestrator.UnitTests.Infrastructure.Limits;

/// <summary>
/// A request's two checks, handed over in one <see cref="RedisCheckBatcher.CheckAsync"/>, leave in one call, so the
/// request depends on one reply; while two calls are on their way, they stay pending together for the next one.
/// </summary>
public sealed class RedisCheckBatcherBatchingTests
{
    private static readonly RatePolicy TenPerMinute = new(10, TimeSpan.FromMinutes(1));

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_requests_rate_and_revocation_checks_leave_together_in_one_call()
    {
        var redis = HeldRepliesRedis.Create(out var calls);
        var batcher = new RedisCheckBatcher(redis);

        var answers = batcher.CheckAsync(new RedisRateCheck("rate:ip:192.0.2.1", TenPerMinute), new RedisRevocationCheck("revoked-jti:a", "token-version:a", 0));

        calls.Count.ShouldBe(1);
        calls.Keys[0].ShouldBe(["rate:ip:192.0.2.1", "revoked-jti:a", "token-version:a"]);

        calls.Replies[0].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer(), RedisResult.Create(0)]));
        var answered = await answers.WaitAsync(AnswerTimeout);
        answered.Rate!.Allowed.ShouldBeTrue();
        answered.Revoked.ShouldBe(false);
        answered.Failure.ShouldBeNull();

        // Nothing is on its way now: the next request's checks leave at once.
        _ = batcher.CheckAsync(new RedisRateCheck("rate:ip:192.0.2.9", TenPerMinute), null);
        calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_requests_checks_wait_together_for_a_free_call_when_two_are_on_their_way()
    {
        var redis = HeldRepliesRedis.Create(out var calls);
        var batcher = new RedisCheckBatcher(redis);
        var first = batcher.CheckAsync(new RedisRateCheck("rate:ip:192.0.2.2", TenPerMinute), null);
        var second = batcher.CheckAsync(new RedisRateCheck("rate:ip:192.0.2.3", TenPerMinute), null);

        var pending = batcher.CheckAsync(new RedisRateCheck("rate:ip:192.0.2.4", TenPerMinute), new RedisRevocationCheck("revoked-jti:b", "token-version:b", 1));

        calls.Count.ShouldBe(2, "no third call while two are in flight");

        calls.Replies[0].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer()]));
        (await first.WaitAsync(AnswerTimeout)).Rate!.Allowed.ShouldBeTrue();
        calls.Count.ShouldBe(3, "the pending checks left as soon as a call came back");
        calls.Keys[2].ShouldBe(["rate:ip:192.0.2.4", "revoked-jti:b", "token-version:b"]);

        calls.Replies[1].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer()]));
        calls.Replies[2].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer(), RedisResult.Create(1)]));
        (await second.WaitAsync(AnswerTimeout)).Rate!.Allowed.ShouldBeTrue();
        var answered = await pending.WaitAsync(AnswerTimeout);
        answered.Rate!.Allowed.ShouldBeTrue();
        answered.Revoked.ShouldBe(true);
    }

    [Fact]
    public async Task Identical_checks_of_pending_requests_are_asked_once_and_each_request_gets_its_own_decision()
    {
        var redis = HeldRepliesRedis.Create(out var calls);
        var batcher = new RedisCheckBatcher(redis);
        _ = batcher.CheckAsync(new RedisRateCheck("rate:ip:192.0.2.5", TenPerMinute), null);
        _ = batcher.CheckAsync(new RedisRateCheck("rate:ip:192.0.2.6", TenPerMinute), null);

        var sameToken = new RedisRevocationCheck("revoked-jti:c", "token-version:c", 2);
        var pending = Enumerable.Range(0, 3)
            .Select(_ => batcher.CheckAsync(new RedisRateCheck("rate:ip:192.0.2.7", TenPerMinute), sameToken))
            .ToList();

        calls.Replies[0].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer()]));
        calls.Count.ShouldBe(3);
        calls.Keys[2].ShouldBe(["rate:ip:192.0.2.7", "revoked-jti:c", "token-version:c"], "three requests' identical checks, asked once");

        calls.Replies[1].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer()]));
        calls.Replies[2].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer(), RedisResult.Create(0)]));
        var answers = await Task.WhenAll(pending).WaitAsync(AnswerTimeout);
        answers.Select(a => a.Rate!.Remaining).ShouldBe([9, 8, 7], "the GCRA replayed for each request, in the order asked");
        answers.ShouldAllBe(a => a.Revoked == false);
    }
}
