using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Orchestrator.IntegrationTests.Abuse;
using Orchestrator.IntegrationTests.Drift;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Provisioning;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Lifecycle;

/// <summary>
/// Two real API processes on one database and one Redis look after EC2 instances in moto; one is killed with SIGKILL
/// while expiry deletions, or reconciles, are under way, and started again. Each piece of work ends once: every
/// resource deleted (or repaired) with exactly one audit event for it, and nothing in the cloud done twice or left.
/// </summary>
public sealed class CrashDuringDayTwoWorkTests(ITestOutputHelper output) : IDisposable
{
    private const int Resources = 6;
    private const string Region = "us-east-2";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(150);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_process_killed_during_expiry_deletions_leaves_each_resource_deleted_once()
    {
        var settings = await SettingsAsync(new Dictionary<string, string>
        {
            ["Lifecycle:ScanInterval"] = "00:00:00.500",
            ["Lifecycle:ClaimDuration"] = "00:00:05",
        });
        var tally = new TrafficTally("crash during expiry deletions");

        var first = await ApiProcess.StartAsync(settings, StartupTimeout);
        using var second = await ApiProcess.StartAsync(settings, StartupTimeout);
        using var viaSecond = await SignedInClientAsync(second, tally);
        var ids = new List<string>();
        string killedAt;
        try
        {
            using var viaFirst = await SignedInClientAsync(first, tally);
            var expiresAt = DateTimeOffset.UtcNow.AddSeconds(25);
            for (var i = 0; i < Resources; i++)
            {
                using var created = await (i % 2 == 0 ? viaFirst : viaSecond).PostAsJsonAsync(
                    "/api/v1/resources", new { name = $"expirevm{i}", type = "ec2", region = Region, expiresAt });
                tally.Record(created.StatusCode);
                created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
                ids.Add((await created.ReadJsonAsync())["id"]!.GetValue<string>());
            }

            await WaitUntilAsync(viaSecond, ids, tally, s => s.All(x => x == "active"), "every instance active before it expires");

            // Kill the first process as soon as the expiry scan has started deleting.
            killedAt = await WaitUntilAsync(viaSecond, ids, tally, s => s.Any(x => x is "deleting" or "deleted"), "the expiry deletions started");
        }
        finally
        {
            first.Crash();
            first.Dispose();
        }

        using var restarted = await ApiProcess.StartAsync(settings, StartupTimeout);
        await WaitUntilAsync(viaSecond, ids, tally, s => s.All(x => x == "deleted"), "every expired resource deleted");

        using var ec2 = MotoEndpoint.Ec2(Region);
        foreach (var id in ids)
        {
            (await viaSecond.AuditAsync(id, "resource.expired")).Count.ShouldBe(1, $"resource.expired events of {id}");
            (await viaSecond.AuditAsync(id, "resource.deletion-requested")).Count.ShouldBeLessThanOrEqualTo(1, $"deletion requests of {id}");
            var instances = await InstancesAsync(ec2, id);
            instances.Count.ShouldBe(1, $"instances for resource {id}");
            instances[0].State.Name.ShouldBe(InstanceStateName.Terminated);
        }

        tally.Report(output, $"{Resources} ec2 resources expiring, 2 processes, 1 killed when the statuses were [{killedAt}] and restarted; each deleted once");
    }

    [Fact]
    public async Task A_process_killed_during_reconciles_leaves_each_resource_repaired_and_audited_once()
    {
        var settings = await SettingsAsync(new Dictionary<string, string>
        {
            ["Drift:Mode"] = "reconcile",
            ["Drift:Interval"] = "00:00:02",
            ["Drift:PollInterval"] = "00:00:00.200",
            ["Drift:LeaseDuration"] = "00:00:05",
        });
        var tally = new TrafficTally("crash during reconciles");

        var first = await ApiProcess.StartAsync(settings, StartupTimeout);
        using var second = await ApiProcess.StartAsync(settings, StartupTimeout);
        using var viaSecond = await SignedInClientAsync(second, tally);
        using var ec2 = MotoEndpoint.Ec2(Region);
        var ids = new List<string>();
        string killedAt;
        try
        {
            using var viaFirst = await SignedInClientAsync(first, tally);
            for (var i = 0; i < Resources; i++)
            {
                using var created = await (i % 2 == 0 ? viaFirst : viaSecond).PostAsJsonAsync(
                    "/api/v1/resources", new { name = $"reconcilevm{i}", type = "ec2", region = Region, tags = new { env = "dev" } });
                tally.Record(created.StatusCode);
                created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
                ids.Add((await created.ReadJsonAsync())["id"]!.GetValue<string>());
            }

            await WaitUntilAsync(viaSecond, ids, tally, s => s.All(x => x == "active"), "every instance active");
            await DriftStatesUntilAsync(viaSecond, ids, states => states.All(x => x == "in-sync"), "every instance checked in sync");

            // Someone retags every instance behind the service's back; kill the first process once the repairs begin.
            foreach (var id in ids)
            {
                var instance = (await InstancesAsync(ec2, id)).Single();
                await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [instance.InstanceId], Tags = [new Tag("env", "prod")] });
            }

            // The audit row stays, where the "drifted" state lasts only until the repair: a fast repair is not missed.
            await UntilAsync(async () => (await viaSecond.AuditAsync(ids[0], "resource.drifted")).Count > 0, "the drift found");
            killedAt = await DriftStatesUntilAsync(viaSecond, ids, _ => true, "the drift states read");
        }
        finally
        {
            first.Crash();
            first.Dispose();
        }

        using var restarted = await ApiProcess.StartAsync(settings, StartupTimeout);
        await UntilAsync(async () =>
        {
            foreach (var id in ids)
            {
                if ((await viaSecond.AuditAsync(id, "resource.reconciled")).Count == 0)
                {
                    return false;
                }
            }

            return true;
        }, "every instance reconciled");

        foreach (var id in ids)
        {
            (await viaSecond.AuditAsync(id, "resource.reconciled")).Count.ShouldBe(1, $"resource.reconciled events of {id}");
            var instances = await InstancesAsync(ec2, id);
            instances.Count.ShouldBe(1, $"instances for resource {id}");
            var instance = instances[0];
            instance.Tags.Single(t => t.Key == "env").Value.ShouldBe("dev", $"the env tag of {id} in AWS");
        }

        tally.Report(output, $"{Resources} ec2 resources retagged in AWS, 2 processes, 1 killed when the drift states were [{killedAt}] and restarted; each reconciled once");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task<Dictionary<string, string>> SettingsAsync(Dictionary<string, string> work)
    {
        var network = await MotoNetwork.CreateAsync(MotoServer.Url, MotoEndpoint.Credentials, Region);
        var settings = new Dictionary<string, string>(work)
        {
            [$"Cloud:Aws:Network:{Region}:SubnetIds:0"] = network.SubnetIds[0],
            [$"Cloud:Aws:Network:{Region}:SecurityGroupIds:0"] = network.SecurityGroupId,
            ["DataDirectory"] = _dataDirectory,
            ["Bootstrap:AdminPassword"] = OrchestratorApiFactory.AdminPassword,
            ["Redis:ConnectionString"] = TestRedis.ConnectionString,
            ["Redis:KeyPrefix"] = TestRedis.NewKeyPrefix(),
            ["RateLimiting:PermitsPerMinute"] = "100000",
            ["Quotas:Ec2PerHour"] = "100",
            ["Cloud:Provider"] = "Aws",
            ["Cloud:Aws:ServiceUrl"] = MotoServer.Url,
            ["Provisioning:PollInterval"] = "00:00:00.200",
            ["Provisioning:LeaseDuration"] = "00:00:05",
            ["Provisioning:InitialBackoff"] = "00:00:00.200",
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_REGION"] = Region,
        };
        return settings;
    }

    private static async Task<List<Instance>> InstancesAsync(IAmazonEC2 ec2, string id)
    {
        var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Filter("tag:orchestrator:resource-id", [id])] });
        return [.. (response.Reservations ?? []).SelectMany(r => r.Instances ?? [])];
    }

    private static async Task<HttpClient> SignedInClientAsync(ApiProcess api, TrafficTally tally)
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress };
        using var login = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "admin",
            ["password"] = OrchestratorApiFactory.AdminPassword,
        }));
        tally.Record(login.StatusCode);
        login.StatusCode.ShouldBe(HttpStatusCode.OK, api.Output);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", (await login.ReadJsonAsync())["access_token"]!.GetValue<string>());
        return client;
    }

    /// <summary>Polls the statuses until they satisfy <paramref name="done"/>; answers them as seen then.</summary>
    private static async Task<string> WaitUntilAsync(HttpClient client, List<string> ids, TrafficTally tally, Func<List<string>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (true)
        {
            var statuses = new List<string>();
            foreach (var id in ids)
            {
                using var response = await client.GetAsync($"/api/v1/resources/{id}");
                tally.Record(response.StatusCode);
                statuses.Add((await response.ReadJsonAsync())["status"]!.GetValue<string>());
            }

            if (done(statuses))
            {
                return string.Join(' ', statuses);
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{what}: the statuses stayed [{string.Join(' ', statuses)}]");
            await Task.Delay(200);
        }
    }

    private static async Task<string> DriftStatesUntilAsync(HttpClient client, List<string> ids, Func<List<string>, bool> done, string what)
    {
        var seen = "";
        await UntilAsync(async () =>
        {
            var states = new List<string>();
            foreach (var id in ids)
            {
                states.Add(await client.DriftStateAsync(id));
            }

            seen = string.Join(' ', states);
            return done(states);
        }, what);
        return seen;
    }

    private static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (!await done())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{what} did not happen in time");
            await Task.Delay(200);
        }
    }
}
