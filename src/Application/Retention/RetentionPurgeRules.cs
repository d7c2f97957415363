using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Application.Retention;

/// <summary>
/// Every rule of the retention purge, in one place. Each deletes one bounded batch with one statement (oldest first, so a
/// batch is read along an index), outside any other transaction, so no batch holds a lock for long. A new kind of
/// row that grows for ever gets its rule here.
/// </summary>
public static class RetentionPurgeRules
{
    public static IReadOnlyList<PurgeRule> For(RetentionOptions options)
    {
        var rules = new List<PurgeRule>
        {
            new("idempotency-records", "IdempotencyRecords", (db, now, batch, ct) =>
            {
                var cutoff = now - options.IdempotencyAge;
                return db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).OrderBy(r => r.CreatedAt).Take(batch).ExecuteDeleteAsync(ct);
            }),

            // An access token on the deny-list is refused by its own expiry once that has passed.
            new("revoked-access-tokens", "RevokedAccessTokens", (db, now, batch, ct) =>
                db.RevokedAccessTokens.Where(t => t.ExpiresAt < now).OrderBy(t => t.ExpiresAt).Take(batch).ExecuteDeleteAsync(ct)),

            // A session (a refresh-token family) has ended when it passed its absolute expiry or was revoked (revocation
            // always covers the whole family). Its rows are kept SessionAge longer, so a stolen token presented late is
            // still recognised as a reuse; a live family's spent rows stay, since they are what detects a reuse.
            new("ended-sessions", "RefreshTokens", (db, now, batch, ct) =>
            {
                var cutoff = now - options.SessionAge;
                return db.RefreshTokens
                    .Where(t => t.FamilyExpiresAt < cutoff || (t.RevokedAt != null && t.RevokedAt < cutoff && t.ExpiresAt < now))
                    .OrderBy(t => t.Id)
                    .Take(batch)
                    .ExecuteDeleteAsync(ct);
            }),

            new("finished-jobs", "ProvisioningJobs", (db, now, batch, ct) =>
            {
                var cutoff = now - options.JobAge;
                return db.ProvisioningJobs.Where(j => j.CompletedAt != null && j.CompletedAt < cutoff).OrderBy(j => j.Id).Take(batch).ExecuteDeleteAsync(ct);
            }),

            // A tag's count under one type, status and slice that fell to zero (the tag left every such resource): kept, the
            // rows of every tag value ever written would stay for ever; a later one writes its row again.
            new("emptied-tag-counts", "ResourceTagCounts", (db, now, batch, ct) =>
                db.ResourceTagCounts.Where(c => c.Count == 0).OrderBy(c => c.Key).Take(batch).ExecuteDeleteAsync(ct)),

            // An outbox event is done once it was fanned out to the subscriptions and none of its attempts is still due; its
            // attempts (the deliveries list) go with it by the foreign key's cascade.
            new("delivered-events", "WebhookEvents", (db, now, batch, ct) =>
            {
                var cutoff = now - options.DeliveredEventAge;
                return db.WebhookEvents
                    .Where(e => e.FannedOutAt != null && e.FannedOutAt < cutoff
                        && !db.WebhookDeliveries.Any(d => d.EventId == e.Id && d.Status == WebhookDeliveryStatus.Pending))
                    .OrderBy(e => e.FannedOutAt)
                    .Take(batch)
                    .ExecuteDeleteAsync(ct);
            }),
        };

        if (options.AuditDays is { } days)
        {
            rules.Add(new("audit-events", "AuditEvents", (db, now, batch, ct) =>
            {
                var cutoff = now - TimeSpan.FromDays(days);
                return db.AuditEvents.Where(e => e.OccurredAt < cutoff).OrderBy(e => e.OccurredAt).Take(batch).ExecuteDeleteAsync(ct);
            }));
        }

        return rules;
    }
}
