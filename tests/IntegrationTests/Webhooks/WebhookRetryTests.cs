using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Lifecycle;
using static Orchestrator.IntegrationTests.Webhooks.WebhookHost;

namespace Orchestrator.IntegrationTests.Webhooks;

/// <summary>
/// Retries on the service's (fake) clock: after a 500 and while the receiver is down, the same signed message comes
/// again, the first retry within 30 seconds and later ones further apart, and every attempt is in the deliveries list.
/// </summary>
public sealed class WebhookRetryTests : IDisposable
{
    private readonly WebhookHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_receiver_answering_500_gets_the_same_message_again_with_backoff_until_it_answers_200()
    {
        await using var receiver = await WebhookReceiver.ListeningAsync();
        receiver.Answer = received => receiver.Received.Count(r => r.Id == received.Id) <= 2 ? 500 : 200;
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var subscription = await SubscribeAsync(admin, receiver, "resource.created");
        await ClockedLifecycleHost.CreateAsync(admin, new { name = "retried01", type = "s3", region = "us-east-1" });

        await _host.PumpUntilAsync(
            async () => (await DeliveriesAsync(admin, subscription)).Any(d => d!["status"]!.GetValue<string>() == "succeeded"),
            "the third attempt", TimeSpan.FromSeconds(1));

        receiver.Received.Count.ShouldBe(3);
        receiver.Received.Select(r => r.Id).Distinct().ShouldHaveSingleItem("one webhook-id across retries");
        receiver.Received.Select(r => r.Body).Distinct().ShouldHaveSingleItem("the same body every time");
        receiver.Received.ShouldAllBe(r => r.Verified);

        var attempts = (await DeliveriesAsync(admin, subscription)).OrderBy(d => d!["attempt"]!.GetValue<int>()).ToList();
        attempts.Select(d => (d!["attempt"]!.GetValue<int>(), d["status"]!.GetValue<string>(), d["responseStatus"]!.GetValue<int>()))
            .ShouldBe([(1, "failed", 500), (2, "failed", 500), (3, "succeeded", 200)]);
        attempts.Select(d => d!["eventId"]!.GetValue<string>()).Distinct().ShouldHaveSingleItem();
        var at = attempts.Select(d => d!["at"]!.GetValue<DateTimeOffset>()).ToList();
        (at[1] - at[0]).ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(30), "the first retry comes within 30 seconds");
        (at[2] - at[1]).ShouldBeGreaterThan(at[1] - at[0], "and the next one later");
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_the_message_once_it_is_up_and_each_failed_attempt_is_recorded()
    {
        await using var receiver = WebhookReceiver.Down();
        using var admin = await _host.Factory.CreateAdminClientAsync();
        var subscription = await SubscribeAsync(admin, receiver, "resource.created");
        await ClockedLifecycleHost.CreateAsync(admin, new { name = "waiting01", type = "s3", region = "us-east-1" });

        await _host.PumpUntilAsync(
            async () => (await DeliveriesAsync(admin, subscription)).Count(d => d!["status"]!.GetValue<string>() == "failed") >= 2,
            "two failed attempts", TimeSpan.FromSeconds(1));
        var down = await DeliveriesAsync(admin, subscription);
        down.Where(d => d!["status"]!.GetValue<string>() == "failed").ShouldAllBe(d => d!["responseStatus"] == null);
        down.ShouldContain(d => d!["status"]!.GetValue<string>() == "pending", "the next attempt is scheduled");

        await receiver.StartAsync();
        await _host.PumpUntilAsync(
            async () => (await DeliveriesAsync(admin, subscription)).Any(d => d!["status"]!.GetValue<string>() == "succeeded"),
            "the attempt after the receiver came up", TimeSpan.FromSeconds(2));

        var delivered = receiver.Received.ShouldHaveSingleItem();
        delivered.Verified.ShouldBeTrue(delivered.VerificationError);
        delivered.Type.ShouldBe("resource.created");
        (await DeliveriesAsync(admin, subscription)).ShouldNotContain(d => d!["status"]!.GetValue<string>() == "pending", "nothing more to send");
    }
}
