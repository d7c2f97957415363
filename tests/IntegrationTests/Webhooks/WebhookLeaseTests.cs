using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Webhooks.Delivery;
using Orchestrator.Domain.Webhooks;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Webhooks;

/// <summary>Workers racing for one attempt on the real SQLite file: exactly one claims it; a second fan-out of one event makes nothing.</summary>
public sealed class WebhookLeaseTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Of_twelve_workers_claiming_one_attempt_at_once_exactly_one_gets_it()
    {
        var deliveryId = await SeedAttemptAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(async worker =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<WebhookDeliveryQueue>().TryClaimAsync(deliveryId, $"worker-{worker}", CancellationToken.None);
        }));

        claims.Count(claimed => claimed).ShouldBe(1);
        await using var check = factory.Services.CreateAsyncScope();
        var row = await check.ServiceProvider.GetRequiredService<AppDbContext>().WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId);
        row.LeaseVersion.ShouldBe(1);
    }

    [Fact]
    public async Task Two_fan_outs_of_the_same_events_at_once_schedule_each_attempt_once()
    {
        var subscriptionId = await SeedSubscriptionAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            for (var i = 0; i < 5; i++)
            {
                db.WebhookEvents.Add(WebhookEvent.Create(Guid.CreateVersion7(), "resource.created", DateTimeOffset.UtcNow, "{}"));
            }

            await db.SaveChangesAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var fanOut = scope.ServiceProvider.GetRequiredService<WebhookFanOut>();
            while (await fanOut.RunBatchAsync(CancellationToken.None) > 0)
            {
            }
        }));

        await using var check = factory.Services.CreateAsyncScope();
        var db2 = check.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db2.WebhookEvents.CountAsync(e => e.FannedOutAt == null)).ShouldBe(0);
        var attempts = await db2.WebhookDeliveries.Where(d => d.SubscriptionId == subscriptionId).Select(d => d.EventId).ToListAsync();
        attempts.Count.ShouldBeGreaterThanOrEqualTo(5);
        attempts.ShouldBeUnique();
    }

    private async Task<Guid> SeedSubscriptionAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var subscription = WebhookSubscription.Create(
            Guid.CreateVersion7(), "https://93.184.215.14/hooks", [WebhookEventTypes.All], null, "whsec_" + Convert.ToBase64String(new byte[32]), Guid.Empty, DateTimeOffset.UtcNow.AddMinutes(-1));
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription.Id;
    }

    private async Task<Guid> SeedAttemptAsync()
    {
        var subscriptionId = await SeedSubscriptionAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outboxEvent = WebhookEvent.Create(Guid.CreateVersion7(), "resource.created", DateTimeOffset.UtcNow, "{}");
        outboxEvent.MarkFannedOut(DateTimeOffset.UtcNow);
        var delivery = WebhookDelivery.Schedule(Guid.CreateVersion7(), subscriptionId, outboxEvent.Id, outboxEvent.Type, 1, DateTimeOffset.UtcNow.AddSeconds(-1));
        db.WebhookEvents.Add(outboxEvent);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        return delivery.Id;
    }
}
