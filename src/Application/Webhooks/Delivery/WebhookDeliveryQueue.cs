using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Application.Webhooks.Delivery;

/// <summary>
/// Finds due attempts and claims them with a lease, one conditional UPDATE per attempt, so two workers never make one
/// attempt at once. Each claim increments the attempt's fencing token (<c>LeaseVersion</c>).
/// </summary>
public sealed class WebhookDeliveryQueue(IApplicationDbContext db, TimeProvider clock, IOptions<WebhookOptions> options)
{
    /// <summary>
    /// Up to <paramref name="take"/> due, unleased attempts, oldest first, leaving out the subscriptions given (those
    /// with as many attempts in flight as they may have: one slow receiver must not hold up the others).
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, Guid SubscriptionId)>> FindDueAsync(int take, IReadOnlyCollection<Guid> skippedSubscriptions, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = db.WebhookDeliveries
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.At <= now && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now));
        if (skippedSubscriptions.Count > 0)
        {
            due = due.Where(d => !skippedSubscriptions.Contains(d.SubscriptionId));
        }

        var found = await due
            .OrderBy(d => d.At)
            .Select(d => new { d.Id, d.SubscriptionId })
            .Take(Math.Min(take, options.Value.BatchSize))
            .ToListAsync(cancellationToken);
        return [.. found.Select(d => (d.Id, d.SubscriptionId))];
    }

    /// <summary>When the next pending attempt is due, so an idle worker sleeps until then at most.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        await db.WebhookDeliveries
            .Where(d => d.Status == WebhookDeliveryStatus.Pending)
            .OrderBy(d => d.At)
            .Select(d => (DateTimeOffset?)d.At)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>True when this worker got the lease; false when another worker holds it or the attempt was made.</summary>
    public async Task<bool> TryClaimAsync(Guid deliveryId, string workerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.LeaseDuration;
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.Status == WebhookDeliveryStatus.Pending && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(
                set => set.SetProperty(d => d.LeaseOwner, workerId)
                    .SetProperty(d => d.LeaseExpiresAt, expires)
                    .SetProperty(d => d.LeaseVersion, d => d.LeaseVersion + 1),
                cancellationToken);
        return claimed == 1;
    }
}
