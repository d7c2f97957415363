using Orchestrator.Application.Webhooks.Delivery;

namespace Orchestrator.UnitTests.Application.Webhooks;

public class WebhookRetryScheduleTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Max = TimeSpan.FromHours(6);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void The_first_retry_is_within_30_seconds_and_later_ones_grow_to_the_cap(double random)
    {
        WebhookRetrySchedule.After(1, First, Max, random).ShouldBeInRange(TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5));
        var delays = Enumerable.Range(1, 12).Select(attempt => WebhookRetrySchedule.After(attempt, First, Max, random)).ToList();
        delays.Zip(delays.Skip(1)).ShouldAllBe(pair => pair.Second >= pair.First);
        delays.ShouldAllBe(delay => delay <= Max);
        delays[^1].ShouldBeGreaterThanOrEqualTo(Max / 2);
    }

    [Fact]
    public void Jitter_spreads_retries_over_half_the_delay() =>
        (WebhookRetrySchedule.After(3, First, Max, 1.0) - WebhookRetrySchedule.After(3, First, Max, 0.0)).ShouldBe(TimeSpan.FromSeconds(40));

    [Fact]
    public void The_message_id_is_stable_per_event_and_subscription()
    {
        var eventId = Guid.NewGuid();
        var subscription = Guid.NewGuid();
        WebhookMessageId.For(eventId, subscription).ShouldBe(WebhookMessageId.For(eventId, subscription));
        WebhookMessageId.For(eventId, subscription).ShouldNotBe(WebhookMessageId.For(eventId, Guid.NewGuid()));
        WebhookMessageId.For(eventId, subscription).ShouldMatch("^msg_[0-9a-f]{32}$");
    }
}
