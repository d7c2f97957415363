using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Application.Retention;

/// <summary>
/// Every rule of the retention purge, in one place. Each deletes one bounded batch with one statement (oldest first, so a
/// batch is read along an index), outside any other transaction, so no batch holds a lock for long. A new kind of
/// row that grows for ever gets its rule here: the delivered webhook events' rule (<see cref="RetentionOptions.DeliveredEventAge"/>)
/// is added here together with the event outbox's tables.
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
