using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Retention;

/// <summary>
/// Thirty simulated minutes of traffic over HTTP (logins, refreshes, revocations, creations with Idempotency-Keys, the
/// job worker finishing their jobs), then the clock moves past every configured age and the purge runs: the table
/// sizes before and after go to the test output as a <c>[retention]</c> line. What grows for ever without a purge is
/// gone; users, resources and the audit log stay.
/// </summary>
public sealed class RetentionTableSizeReportTests(ITestOutputHelper output)
{
    public const string Marker = "[retention]";

    private const int Minutes = 30;

    [Fact]
    public async Task After_thirty_simulated_minutes_of_traffic_the_purge_leaves_only_what_is_kept()
    {
        // The fake clock starts half an hour back, so that tokens it stamps are never ahead of the real clock that
        // validates them (and an hour's access token outlives the run).
        using var host = new RetentionHost(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(Minutes + 1), factory => factory
            .WithProvisioning()
            .With("Jwt:AccessTokenMinutes", "60")
            .With("Quotas:S3Buckets", "1000")
            .With("Retention:SessionAge", "01:00:00")
            .With("Retention:JobAge", "01:00:00")
            .With("Retention:BatchSize", "50"));
        using var admin = await host.Factory.CreateAdminClientAsync();
        var user = await UserAccount.CreateWithAsync(admin);
        var requests = 0;

        for (var minute = 0; minute < Minutes; minute++)
        {
            var session = await host.Factory.LoginAsync(user.Username, user.Password);
            var (refreshed, rotated) = await host.Factory.RefreshAsync(session.Refresh());
            refreshed.ShouldBe(HttpStatusCode.OK);
            (await host.Factory.RevokeAsync(rotated.Refresh(), "refresh_token")).ShouldBe(HttpStatusCode.OK);
            (await host.Factory.RevokeAsync(rotated.Access(), "access_token")).ShouldBe(HttpStatusCode.OK);
            using var client = host.Factory.CreateBearerClient(session.Access());
            for (var i = 0; i < 2; i++)
            {
                using var created = await client.CreateResourceAsync(
                    new { name = string.Create(CultureInfo.InvariantCulture, $"sim{minute:D2}x{i}"), type = "s3", region = "us-east-1" },
                    string.Create(CultureInfo.InvariantCulture, $"sim-{minute}-{i}"));
                created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
            }

            requests += 6;
            for (var step = 0; step < 6; step++)
            {
                host.Clock.Advance(TimeSpan.FromSeconds(10));
                await Task.Delay(20);
            }
        }

        await WaitForJobsAsync(host);
        var before = host.TableSizes();

        host.Clock.Advance(TimeSpan.FromHours(25));
        var report = await host.PurgeAsync();
        var after = host.TableSizes();

        report.ShouldNotBeNull();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Marker} {Minutes} simulated minutes, {requests} requests; rows per table before the purge {Format(before)}; after the purge one day later {Format(after)}; deleted {Format(report.DeletedByRule)} in {report.Batches} batches"));

        foreach (var purged in new[] { "IdempotencyRecords", "RefreshTokens", "RevokedAccessTokens", "ProvisioningJobs" })
        {
            before[purged].ShouldBeGreaterThan(0, purged);
            after[purged].ShouldBe(0, purged);
        }

        foreach (var kept in new[] { "Users", "Resources", "AuditEvents", "ResourceTags" })
        {
            if (before.ContainsKey(kept))
            {
                after[kept].ShouldBe(before[kept], kept);
            }
        }
    }

    private static async Task WaitForJobsAsync(RetentionHost host)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var open = 0;
            await host.WithDatabaseAsync(async db => open = await db.ProvisioningJobs.CountAsync(j => j.CompletedAt == null));
            if (open == 0)
            {
                return;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{open} jobs still open");
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }

    private static string Format<T>(IReadOnlyDictionary<string, T> counts) =>
        "{" + string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}: {c.Value}"))) + "}";
}
