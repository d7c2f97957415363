using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>The shared contract on the in-memory store, plus what only a fake clock can show.</summary>
public sealed class InMemoryLimiterStoreTests : LimiterStoreContract
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryLimiterStore _store;

    public InMemoryLimiterStoreTests() => _store = new InMemoryLimiterStore(_clock, Options.Create(new RateLimitingOptions()));

    [Fact]
    public async Task Keys_with_nothing_left_to_remember_are_dropped_as_new_keys_arrive()
    {
        var store = SmallStore(100);
        for (var i = 0; i < 50; i++)
        {
            await store.TryAppendAsync($"login:idle{i}", 10, TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 50; i++)
        {
            await store.TryAppendAsync($"login:live{i}", 10, TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        store.KeyCountOf("login").ShouldBe(50);
    }

    [Fact]
    public async Task At_the_cap_idle_keys_go_first_then_the_least_recently_used_and_other_families_keep_theirs()
    {
        var store = SmallStore(100);
        var hour = TimeSpan.FromHours(1);
        (await store.TryAppendAsync("quota:user:ec2-per-hour", 1, hour, CancellationToken.None)).Accepted.ShouldBeTrue();
        for (var i = 0; i < 99; i++)
        {
            (await store.TryAppendAsync($"login:live{i}", 1, hour, CancellationToken.None)).Accepted.ShouldBeTrue();
        }

        (await store.TryAppendAsync("login:short-lived", 1, TimeSpan.FromSeconds(10), CancellationToken.None)).Accepted.ShouldBeTrue();

        // The short-lived key is idle but not the least recently used; live0 is used again (a refusal is a use too).
        _clock.Advance(TimeSpan.FromSeconds(20));
        (await store.TryAppendAsync("login:live0", 1, hour, CancellationToken.None)).Accepted.ShouldBeFalse();
        (await store.TryAppendAsync("login:newcomer", 1, hour, CancellationToken.None)).Accepted.ShouldBeTrue();
        store.KeyCountOf("login").ShouldBe(100, "the idle key made room");
        (await store.TryAppendAsync("login:live1", 1, hour, CancellationToken.None)).Accepted.ShouldBeFalse("live1 is still remembered");

        // Every key is live now: the least recently used one (live2, as live0 and live1 were just used) is forgotten.
        (await store.TryAppendAsync("login:second-newcomer", 1, hour, CancellationToken.None)).Accepted.ShouldBeTrue();
        store.KeyCountOf("login").ShouldBe(100);
        (await store.TryAppendAsync("login:live0", 1, hour, CancellationToken.None)).Accepted.ShouldBeFalse();
        (await store.TryAppendAsync("login:live2", 1, hour, CancellationToken.None)).Accepted.ShouldBeTrue("live2 was evicted");

        // A flood of one family leaves another's keys alone.
        (await store.TryAppendAsync("quota:user:ec2-per-hour", 1, hour, CancellationToken.None)).Accepted.ShouldBeFalse();
        store.KeyCountOf("quota").ShouldBe(1);
    }

    [Fact]
    public async Task Rate_keys_are_bounded_too_and_an_evicted_key_starts_with_its_full_budget()
    {
        var store = SmallStore(100);
        for (var i = 0; i < 1000; i++)
        {
            (await store.AcquireRateAsync($"ip:198.51.100.{i}", FivePerMinute, CancellationToken.None)).Allowed.ShouldBeTrue();
        }

        store.KeyCountOf("ip").ShouldBeLessThanOrEqualTo(100);
    }

    private InMemoryLimiterStore SmallStore(int maxKeys) =>
        new(_clock, Options.Create(new RateLimitingOptions { MaxKeysInMemory = maxKeys }));

    protected override ILimiterStore Store => _store;

    [Fact]
    public async Task Rate_gives_back_one_permit_per_interval_not_a_whole_window_at_once()
    {
        for (var i = 0; i < 5; i++)
        {
            (await _store.AcquireRateAsync("ip", FivePerMinute, CancellationToken.None)).Allowed.ShouldBeTrue();
        }

        var refused = await _store.AcquireRateAsync("ip", FivePerMinute, CancellationToken.None);
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(12));

        _clock.Advance(TimeSpan.FromSeconds(12));
        (await _store.AcquireRateAsync("ip", FivePerMinute, CancellationToken.None)).Allowed.ShouldBeTrue();
        (await _store.AcquireRateAsync("ip", FivePerMinute, CancellationToken.None)).Allowed.ShouldBeFalse();

        _clock.Advance(TimeSpan.FromMinutes(1));
        var afterIdle = await _store.AcquireRateAsync("ip", FivePerMinute, CancellationToken.None);
        afterIdle.Allowed.ShouldBeTrue();
        afterIdle.Remaining.ShouldBe(4);
    }

    [Fact]
    public async Task Rate_never_admits_twice_the_limit_across_a_minute_boundary()
    {
        // A fixed window would admit 5 at 12:00:59 and 5 more at 12:01:00.
        _clock.Advance(TimeSpan.FromSeconds(59));
        var admitted = 0;
        for (var i = 0; i < 10; i++)
        {
            admitted += (await _store.AcquireRateAsync("edge", FivePerMinute, CancellationToken.None)).Allowed ? 1 : 0;
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 10; i++)
        {
            admitted += (await _store.AcquireRateAsync("edge", FivePerMinute, CancellationToken.None)).Allowed ? 1 : 0;
        }

        admitted.ShouldBe(5);
    }

    [Fact]
    public async Task Sliding_log_never_admits_more_than_the_limit_in_any_rolling_hour()
    {
        var hour = TimeSpan.FromHours(1);
        (await AppendAsync(5)).ShouldBe(5);
        _clock.Advance(TimeSpan.FromMinutes(50));
        (await AppendAsync(6)).ShouldBe(5);

        // At minute 60 a fixed hourly window would start afresh; the log still holds ten entries.
        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(10));
        (await AppendAsync(1)).ShouldBe(0);

        // Once the first five are an hour old, exactly five slots come back.
        _clock.Advance(TimeSpan.FromTicks(10));
        (await AppendAsync(6)).ShouldBe(5);

        async Task<int> AppendAsync(int count)
        {
            var accepted = 0;
            for (var i = 0; i < count; i++)
            {
                accepted += (await _store.TryAppendAsync("user:ec2", 10, hour, CancellationToken.None)).Accepted ? 1 : 0;
            }

            return accepted;
        }
    }
}
