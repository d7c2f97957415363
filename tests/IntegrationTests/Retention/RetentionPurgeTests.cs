using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Retention;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Idempotency;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Retention;
using Orchestrator.Domain.Users;
using Orchestrator.Domain.Webhooks;
using Orchestrator.IntegrationTests.Drift;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Retention;

/// <summary>
/// The retention purge over a real SQLite file, on a fake clock: each kind of row goes at its configured age, in batches,
/// and nothing younger (or still in use) is touched; the audit log is kept unless <c>Retention:AuditDays</c> is set; the
/// schedule's lease lets one purge run at a time.
/// </summary>
public sealed class RetentionPurgeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Each_kind_of_row_is_purged_at_its_age_in_batches_and_nothing_younger_is_touched()
    {
        using var host = new RetentionHost(Now);
        var resourceId = await CreateResourceAsync(host);
        var userId = Guid.CreateVersion7();

        await host.WithDatabaseAsync(async db =>
        {
            for (var i = 0; i < 5; i++)
            {
                db.IdempotencyRecords.Add(IdempotencyRecord.Create(userId, $"old-{i}", "hash", resourceId, Now - TimeSpan.FromHours(25)));
                db.RevokedAccessTokens.Add(RevokedAccessToken.Create($"expired-{i}", Now - TimeSpan.FromMinutes(1)));
                var oldJob = ProvisioningJob.Create(resourceId, ProvisioningJobKind.UpdateTags, Now - TimeSpan.FromDays(4));
                oldJob.Complete(Now - TimeSpan.FromDays(4), i % 2 == 0 ? null : "failed for good");
                db.ProvisioningJobs.Add(oldJob);
            }

            db.IdempotencyRecords.Add(IdempotencyRecord.Create(userId, "young", "hash", resourceId, Now - TimeSpan.FromHours(23)));
            db.RevokedAccessTokens.Add(RevokedAccessToken.Create("still-valid", Now + TimeSpan.FromMinutes(10)));
            var youngJob = ProvisioningJob.Create(resourceId, ProvisioningJobKind.UpdateTags, Now - TimeSpan.FromDays(2));
            youngJob.Complete(Now - TimeSpan.FromDays(2));
            db.ProvisioningJobs.Add(youngJob);
            db.ProvisioningJobs.Add(ProvisioningJob.Create(resourceId, ProvisioningJobKind.UpdateTags, Now - TimeSpan.FromDays(10)));

            // Sessions (12-hour absolute lifetime): one ended 3 hours ago, one 1 hour ago, one revoked 3 hours ago,
            // one revoked 1 hour ago, and a live one with a spent token (the reuse detector).
            AddFamily(db, userId, "ended-long-ago", Now - TimeSpan.FromHours(15), tokens: 4);
            AddFamily(db, userId, "ended-recently", Now - TimeSpan.FromHours(13), tokens: 2);
            AddFamily(db, userId, "revoked-long-ago", Now - TimeSpan.FromHours(5), tokens: 3);
            AddFamily(db, userId, "revoked-recently", Now - TimeSpan.FromHours(2), tokens: 2);
            AddFamily(db, userId, "live", Now - TimeSpan.FromHours(4), tokens: 2);
            await db.SaveChangesAsync(CancellationToken.None);
            await Revoke(db, "revoked-long-ago", Now - TimeSpan.FromHours(3));
            await Revoke(db, "revoked-recently", Now - TimeSpan.FromHours(1));
        });

        // Tag counts the triggers brought down to zero (the tag left every such resource), and one still counting.
        await host.Factory.ExecuteSqlAsync(
            "INSERT INTO ResourceTagCounts (Key, Value, Type, Status, Slot, Count) VALUES " +
            "('team', 'gone', 'S3', 'Active', 1, 0), ('team', 'gone', 'S3', 'Deleted', 2, 0), ('team', 'kept', 'S3', 'Active', 1, 2);");

        var before = host.TableSizes();
        var report = await host.PurgeAsync();

        report.ShouldNotBeNull();
        report.Finished.ShouldBeTrue();
        report.DeletedByRule["emptied-tag-counts"].ShouldBe(2);
        report.DeletedByRule["idempotency-records"].ShouldBe(5);
        report.DeletedByRule["revoked-access-tokens"].ShouldBe(5);
        report.DeletedByRule["ended-sessions"].ShouldBe(7);
        report.DeletedByRule["finished-jobs"].ShouldBe(5);
        report.DeletedByRule.ShouldNotContainKey("audit-events");

        report.DeletedByRule["delivered-events"].ShouldBe(0);

        // Batches of 3: 5 rows take two, 7 take three, two or none one, and a rule always ends on a batch short of full.
        report.Batches.ShouldBe(2 + 2 + 3 + 2 + 1 + 1);

        await host.WithDatabaseAsync(async db =>
        {
            (await db.IdempotencyRecords.Select(r => r.Key).ToListAsync()).ShouldBe(["young", "kept-key"], ignoreOrder: true);
            (await db.RevokedAccessTokens.Select(t => t.Jti).ToListAsync()).ShouldBe(["still-valid"]);
            var families = (await db.RefreshTokens.Select(t => t.TokenHash).ToListAsync())
                .Where(h => h.Contains('-', StringComparison.Ordinal)).Select(h => h[..h.LastIndexOf('-')]).ToList();
            families.Distinct().ShouldBe(["ended-recently", "revoked-recently", "live"], ignoreOrder: true);
            families.Count.ShouldBe(2 + 2 + 2);
            (await db.ProvisioningJobs.CountAsync(j => j.CompletedAt == null)).ShouldBe(2, "open jobs are never purged, however old");
            (await db.ProvisioningJobs.CountAsync(j => j.CompletedAt != null)).ShouldBe(1);
            (await db.Resources.CountAsync()).ShouldBe(1);
            (await db.ResourceTagCounts.Where(c => c.Key == "team").Select(c => c.Value).ToListAsync()).ShouldBe(["kept"]);
        });
        var after = host.TableSizes();
        after["AuditEvents"].ShouldBe(before["AuditEvents"], "the audit log is kept by default");
        after["Users"].ShouldBe(before["Users"]);
    }

    [Fact]
    public async Task The_audit_log_is_purged_only_when_AuditDays_is_set_and_only_past_it()
    {
        using var host = new RetentionHost(Now, factory => factory.With("Retention:AuditDays", "30"));
        await host.WithDatabaseAsync(async db =>
        {
            for (var i = 0; i < 4; i++)
            {
                db.AuditEvents.Add(AuditEvent.Create(Now - TimeSpan.FromDays(31), null, "test.old", null, AuditOutcome.Success, null, null, $"old {i}"));
            }

            db.AuditEvents.Add(AuditEvent.Create(Now - TimeSpan.FromDays(29), null, "test.young", null, AuditOutcome.Success, null, null, "young"));
            await db.SaveChangesAsync(CancellationToken.None);
        });

        var report = await host.PurgeAsync();

        report!.DeletedByRule["audit-events"].ShouldBe(4);
        await host.WithDatabaseAsync(async db =>
        {
            (await db.AuditEvents.CountAsync(e => e.Action == "test.old")).ShouldBe(0);
            (await db.AuditEvents.CountAsync(e => e.Action == "test.young")).ShouldBe(1);
            (await db.AuditEvents.CountAsync()).ShouldBeGreaterThan(1, "events of the last 30 days (the start-up's among them) stay");
        });
    }

    [Fact]
    public async Task Delivered_webhook_events_go_with_their_attempts_after_their_age_and_an_event_still_being_delivered_stays()
    {
        using var host = new RetentionHost(Now, factory => factory.With("Retention:DeliveredEventAge", "2.00:00:00"));
        var subscriptionId = Guid.CreateVersion7();
        var delivered = new List<Guid>();
        Guid stillDue = Guid.Empty, notFannedOut = Guid.Empty, young = Guid.Empty;
        await host.WithDatabaseAsync(async db =>
        {
            db.WebhookSubscriptions.Add(WebhookSubscription.Create(
                subscriptionId, "https://hooks.example.com/x", ["*"], null, "whsec_" + Convert.ToBase64String(new byte[32]), Guid.CreateVersion7(), Now - TimeSpan.FromDays(10)));
            Guid AddEvent(DateTimeOffset? fannedOutAt, params WebhookDeliveryStatus[] attempts)
            {
                var id = Guid.CreateVersion7();
                var occurred = (fannedOutAt ?? Now) - TimeSpan.FromSeconds(1);
                var webhookEvent = WebhookEvent.Create(id, "resource.created", occurred, "{}");
                if (fannedOutAt is { } at)
                {
                    webhookEvent.MarkFannedOut(at);
                }

                db.WebhookEvents.Add(webhookEvent);
                for (var i = 0; i < attempts.Length; i++)
                {
                    var delivery = WebhookDelivery.Schedule(Guid.CreateVersion7(), subscriptionId, id, "resource.created", i + 1, occurred);
                    if (attempts[i] == WebhookDeliveryStatus.Succeeded)
                    {
                        delivery.Succeed(204, occurred);
                    }
                    else if (attempts[i] == WebhookDeliveryStatus.Failed)
                    {
                        delivery.Fail(500, occurred);
                    }

                    db.WebhookDeliveries.Add(delivery);
                }

                return id;
            }

            for (var i = 0; i < 4; i++)
            {
                delivered.Add(AddEvent(Now - TimeSpan.FromDays(3), WebhookDeliveryStatus.Failed, WebhookDeliveryStatus.Succeeded));
            }

            // Given up on after its last attempt failed: done too.
            delivered.Add(AddEvent(Now - TimeSpan.FromDays(3), WebhookDeliveryStatus.Failed));
            stillDue = AddEvent(Now - TimeSpan.FromDays(3), WebhookDeliveryStatus.Failed, WebhookDeliveryStatus.Pending);
            notFannedOut = AddEvent(null);
            young = AddEvent(Now - TimeSpan.FromDays(1), WebhookDeliveryStatus.Succeeded);
            await db.SaveChangesAsync(CancellationToken.None);
        });

        var report = await host.PurgeAsync();

        report!.DeletedByRule["delivered-events"].ShouldBe(5);
        await host.WithDatabaseAsync(async db =>
        {
            (await db.WebhookEvents.Select(e => e.Id).ToListAsync()).ShouldBe([stillDue, notFannedOut, young], ignoreOrder: true);
            (await db.WebhookDeliveries.CountAsync(d => delivered.Contains(d.EventId))).ShouldBe(0, "the attempts of a purged event go with it");
            (await db.WebhookDeliveries.CountAsync(d => d.EventId == stillDue)).ShouldBe(2);
            (await db.WebhookDeliveries.CountAsync(d => d.EventId == young)).ShouldBe(1);
        });
    }

    [Fact]
    public async Task A_purge_runs_once_per_interval_and_of_ten_instances_asking_at_once_exactly_one_runs_it()
    {
        using var host = new RetentionHost(Now);

        var reports = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(host.PurgeAsync)));
        reports.Count(r => r is not null).ShouldBe(1);

        (await host.PurgeAsync()).ShouldBeNull("the next purge is due one interval after this one ended");
        host.Clock.Advance(TimeSpan.FromMinutes(59));
        (await host.PurgeAsync()).ShouldBeNull();
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        (await host.PurgeAsync()).ShouldNotBeNull();
    }

    [Fact]
    public async Task An_instance_whose_lease_ran_out_cannot_renew_or_complete_after_another_took_the_purge_over()
    {
        using var host = new RetentionHost(Now);
        await using var first = host.Factory.Services.CreateAsyncScope();
        await using var second = host.Factory.Services.CreateAsyncScope();
        var stale = first.ServiceProvider.GetRequiredService<MaintenanceLease>();
        var taker = second.ServiceProvider.GetRequiredService<MaintenanceLease>();
        var lease = TimeSpan.FromMinutes(5);

        (await stale.TryClaimAsync(MaintenanceSchedule.RetentionPurge, lease, CancellationToken.None)).ShouldBeTrue();
        (await taker.TryClaimAsync(MaintenanceSchedule.RetentionPurge, lease, CancellationToken.None)).ShouldBeFalse("the lease holds");

        host.Clock.Advance(lease + TimeSpan.FromSeconds(1));
        (await taker.TryClaimAsync(MaintenanceSchedule.RetentionPurge, lease, CancellationToken.None)).ShouldBeTrue("a crashed holder's purge is taken over when its lease ends");
        (await stale.RenewAsync(MaintenanceSchedule.RetentionPurge, lease, CancellationToken.None)).ShouldBeFalse();
        (await stale.CompleteAsync(MaintenanceSchedule.RetentionPurge, TimeSpan.FromHours(1), CancellationToken.None)).ShouldBeFalse();
        (await taker.RenewAsync(MaintenanceSchedule.RetentionPurge, lease, CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public async Task The_worker_purges_on_its_schedule_and_the_schedule_is_kept_in_the_database()
    {
        using var host = new RetentionHost(Now, factory => factory.With("Retention:Enabled", "true"));
        await host.WithDatabaseAsync(async db =>
        {
            db.RevokedAccessTokens.Add(RevokedAccessToken.Create("expired", Now - TimeSpan.FromMinutes(1)));
            await db.SaveChangesAsync(CancellationToken.None);
        });

        await host.Clock.AdvanceUntilAsync(TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(10), async () =>
        {
            DateTimeOffset? completed = null;
            await host.WithDatabaseAsync(async db => completed = await db.MaintenanceSchedules.AsNoTracking()
                .Where(s => s.Name == MaintenanceSchedule.RetentionPurge).Select(s => s.LastCompletedAt).SingleAsync());
            return completed is not null;
        }, "the worker's first purge");

        await host.WithDatabaseAsync(async db =>
        {
            (await db.RevokedAccessTokens.CountAsync()).ShouldBe(0);
            var schedule = await db.MaintenanceSchedules.AsNoTracking().SingleAsync(s => s.Name == MaintenanceSchedule.RetentionPurge);
            schedule.DueAt.ShouldBe(schedule.LastCompletedAt!.Value + TimeSpan.FromHours(1));
        });
    }

    [Theory]
    [InlineData("Retention:IdempotencyAge", "12:00:00", "Retention:IdempotencyAge must be at least 1.00:00:00")]
    [InlineData("Retention:BatchSize", "0", "Retention:BatchSize must be between 1 and 10000")]
    [InlineData("Retention:AuditDays", "0", "Retention:AuditDays must be at least 1")]
    [InlineData("Retention:JobAge", "-01:00:00", "must not be negative")]
    public void A_retention_setting_out_of_range_stops_the_start_up_saying_which(string key, string value, string message)
    {
        using var factory = new OrchestratorApiFactory().With(key, value);

        var failure = Should.Throw<Exception>(() => factory.Server);

        Flatten(failure).ShouldContain(message);
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);

    private static void AddFamily(IApplicationDbContext db, Guid userId, string name, DateTimeOffset started, int tokens)
    {
        var token = RefreshToken.StartFamily(userId, $"{name}-0", multiFactor: false, started, TimeSpan.FromMinutes(30), TimeSpan.FromHours(12));
        db.RefreshTokens.Add(token);
        for (var i = 1; i < tokens; i++)
        {
            token = token.Successor($"{name}-{i}", started + TimeSpan.FromMinutes(10 * i), TimeSpan.FromMinutes(30));
            db.RefreshTokens.Add(token);
        }
    }

    private static Task Revoke(IApplicationDbContext db, string family, DateTimeOffset at)
    {
        DateTimeOffset? revokedAt = at;
        return db.RefreshTokens.Where(t => t.TokenHash.StartsWith(family)).ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, revokedAt));
    }

    private static async Task<Guid> CreateResourceAsync(RetentionHost host)
    {
        using var admin = await host.Factory.CreateAdminClientAsync();
        using var created = await admin.CreateResourceAsync(new { name = "kept01", type = "s3", region = "us-east-1" }, "kept-key");
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
        return Guid.Parse((await created.ReadJsonAsync())["id"]!.GetValue<string>());
    }
}
