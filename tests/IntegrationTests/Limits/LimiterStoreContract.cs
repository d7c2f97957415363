using Orchestrator.Application.Common.Limits;
using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>
/// What every limiter store must do, run against each adapter (memory and Redis) by a subclass.
/// Nothing here waits for time to pass: a 12-second GCRA interval is far longer than the test.
/// </summary>
public abstract class LimiterStoreContract
{
    protected static readonly RatePolicy FivePerMinute = new(5, TimeSpan.FromMinutes(1));

    protected abstract ILimiterStore Store { get; }

    [Fact]
    public async Task Rate_admits_exactly_the_permits_of_one_window_and_counts_down()
    {
        var key = NewKey();
        var decisions = new List<RateDecision>();
        for (var i = 0; i < 8; i++)
        {
            decisions.Add(await Store.AcquireRateAsync(key, FivePerMinute, CancellationToken.None));
        }

        decisions.Select(d => d.Allowed).ShouldBe([true, true, true, true, true, false, false, false]);
        decisions.Take(5).Select(d => d.Remaining).ShouldBe([4, 3, 2, 1, 0]);
        foreach (var refused in decisions.Skip(5))
        {
            // The next permit comes back within one emission interval (12 s), the whole burst within the window.
            refused.RetryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
            refused.RetryAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(12));
            refused.ResetAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task Rate_keys_have_budgets_of_their_own()
    {
        var first = NewKey();
        for (var i = 0; i < 5; i++)
        {
            (await Store.AcquireRateAsync(first, FivePerMinute, CancellationToken.None)).Allowed.ShouldBeTrue();
        }

        (await Store.AcquireRateAsync(first, FivePerMinute, CancellationToken.None)).Allowed.ShouldBeFalse();
        (await Store.AcquireRateAsync(NewKey(), FivePerMinute, CancellationToken.None)).Allowed.ShouldBeTrue();
    }

    [Fact]
    public async Task Rate_under_parallel_requests_admits_exactly_the_permits()
    {
        var key = NewKey();
        var policy = new RatePolicy(20, TimeSpan.FromMinutes(1));
        var decisions = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Store.AcquireRateAsync(key, policy, CancellationToken.None).AsTask()));

        decisions.Count(d => d.Allowed).ShouldBe(20);
    }

    [Fact]
    public async Task Sliding_log_under_parallel_appends_accepts_exactly_the_limit()
    {
        var key = NewKey();
        var decisions = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Store.TryAppendAsync(key, 10, TimeSpan.FromHours(1), CancellationToken.None).AsTask()));

        decisions.Count(d => d.Accepted).ShouldBe(10);
        decisions.Where(d => d.Accepted).Select(d => d.Entry).Distinct().Count().ShouldBe(10);
        foreach (var refused in decisions.Where(d => !d.Accepted))
        {
            refused.RetryAfter.ShouldBeGreaterThan(TimeSpan.FromMinutes(59));
            refused.RetryAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromHours(1));
        }
    }

    [Fact]
    public async Task Sliding_log_removing_an_entry_frees_its_slot_and_only_that_one()
    {
        var key = NewKey();
        var first = await Store.TryAppendAsync(key, 2, TimeSpan.FromHours(1), CancellationToken.None);
        (await Store.TryAppendAsync(key, 2, TimeSpan.FromHours(1), CancellationToken.None)).Accepted.ShouldBeTrue();
        (await Store.TryAppendAsync(key, 2, TimeSpan.FromHours(1), CancellationToken.None)).Accepted.ShouldBeFalse();

        await Store.RemoveAsync(key, first.Entry!, CancellationToken.None);
        await Store.RemoveAsync(key, first.Entry!, CancellationToken.None);

        (await Store.TryAppendAsync(key, 2, TimeSpan.FromHours(1), CancellationToken.None)).Accepted.ShouldBeTrue();
        (await Store.TryAppendAsync(key, 2, TimeSpan.FromHours(1), CancellationToken.None)).Accepted.ShouldBeFalse();
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");
}
