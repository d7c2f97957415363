using Orchestrator.Application.Common.Limits;
using Orchestrator.Infrastructure.Limits;
using StackExchange.Redis;

namespace Orchestrator.UnitTests.Infrastructure.Limits;

/// <summary>
/// A request's two questions, asked inside <see cref="RedisRequestChecks.GatherQuestions"/>, leave in one call,
/// so the request depends on one reply; asked outside it on an idle connection, the first leaves alone.
/// </summary>
public sealed class RedisRequestChecksGatheringTests
{
    private static readonly RatePolicy TenPerMinute = new(10, TimeSpan.FromMinutes(1));

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Questions_asked_in_one_gathering_leave_together_when_it_ends()
    {
        var redis = HeldRepliesRedis.Create(out var calls);
        var checks = new RedisRequestChecks(redis);

        Task<bool> revoked;
        Task<RateDecision> rate;
        using (RedisRequestChecks.GatherQuestions())
        {
            revoked = checks.IsRevokedAsync("revoked-jti:a", "token-version:a", 0, _ => false);
            rate = checks.AcquireRateAsync("rate:ip:192.0.2.1", TenPerMinute);
            calls.Count.ShouldBe(0, "nothing leaves before the scope ends");
        }

        calls.Count.ShouldBe(1);
        calls.Keys[0].ShouldBe(["revoked-jti:a", "token-version:a", "rate:ip:192.0.2.1"]);

        calls.Replies[0].SetResult(RedisResult.Create([RedisResult.Create(0), HeldRepliesRedis.FreshRateAnswer()]));
        (await revoked.WaitAsync(AnswerTimeout)).ShouldBeFalse();
        (await rate.WaitAsync(AnswerTimeout)).Allowed.ShouldBeTrue();

        // The scope is over: the next question leaves at once.
        _ = checks.AcquireRateAsync("rate:ip:192.0.2.9", TenPerMinute);
        calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Gathered_questions_wait_for_a_free_call_when_two_are_on_their_way()
    {
        var redis = HeldRepliesRedis.Create(out var calls);
        var checks = new RedisRequestChecks(redis);
        var first = checks.AcquireRateAsync("rate:ip:192.0.2.2", TenPerMinute);
        var second = checks.AcquireRateAsync("rate:ip:192.0.2.3", TenPerMinute);

        Task<RateDecision> gathered;
        using (RedisRequestChecks.GatherQuestions())
        {
            gathered = checks.AcquireRateAsync("rate:ip:192.0.2.4", TenPerMinute);
        }

        calls.Count.ShouldBe(2, "no third call while two are in flight");

        calls.Replies[0].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer()]));
        (await first.WaitAsync(AnswerTimeout)).Allowed.ShouldBeTrue();
        calls.Count.ShouldBe(3, "the gathered question left as soon as a call came back");
        calls.Keys[2].ShouldBe(["rate:ip:192.0.2.4"]);

        calls.Replies[1].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer()]));
        calls.Replies[2].SetResult(RedisResult.Create([HeldRepliesRedis.FreshRateAnswer()]));
        (await second.WaitAsync(AnswerTimeout)).Allowed.ShouldBeTrue();
        (await gathered.WaitAsync(AnswerTimeout)).Allowed.ShouldBeTrue();
    }
}
