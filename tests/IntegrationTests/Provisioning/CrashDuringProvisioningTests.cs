using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Amazon.EC2.Model;
using Orchestrator.IntegrationTests.Abuse;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>
/// Two real API processes on one database and one Redis provision EC2 instances in moto; one is
/// killed with SIGKILL while jobs are in flight and started again. Every resource ends active and
/// the cloud holds exactly one instance per resource: each job was worked to completion once.
/// </summary>
public sealed class CrashDuringProvisioningTests(ITestOutputHelper output) : IDisposable
{
    private const int Resources = 6;
    private const string Region = "us-east-1";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(120);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_process_killed_during_provisioning_leaves_every_resource_active_with_one_cloud_instance()
    {
        var network = await MotoNetwork.CreateAsync(MotoServer.Url, MotoEndpoint.Credentials, Region);
        var settings = new Dictionary<string, string>
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
        var tally = new TrafficTally("crash during provisioning");

        var first = await ApiProcess.StartAsync(settings, StartupTimeout);
        using var second = await ApiProcess.StartAsync(settings, StartupTimeout);
        using var viaSecond = await SignedInClientAsync(second, tally);
        var ids = new List<string>();
        try
        {
            using var viaFirst = await SignedInClientAsync(first, tally);
            for (var i = 0; i < Resources; i++)
            {
                using var created = await (i % 2 == 0 ? viaFirst : viaSecond).PostAsJsonAsync(
                    "/api/v1/resources", new { name = $"crashvm{i}", type = "ec2", region = Region });
                tally.Record(created.StatusCode);
                created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
                ids.Add((await created.ReadJsonAsync())["id"]!.GetValue<string>());
            }

            // Kill the first process as soon as the workers have started on the jobs.
            await WaitUntilAsync(async () => (await StatusesAsync(viaSecond, ids, tally)).Any(s => s != "pending"), SettleTimeout);
        }
        finally
        {
            first.Crash();
            first.Dispose();
        }

        using var restarted = await ApiProcess.StartAsync(settings, StartupTimeout);
        await WaitUntilAsync(async () => (await StatusesAsync(viaSecond, ids, tally)).All(s => s == "active"), SettleTimeout);

        using var ec2 = MotoEndpoint.Ec2(Region);
        foreach (var id in ids)
        {
            var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest
            {
                Filters = [new Filter("tag:orchestrator:resource-id", [id])],
            });
            response.Reservations.SelectMany(r => r.Instances).Count().ShouldBe(1, $"instances for resource {id}");
        }

        tally.Report(output, $"{Resources} ec2 resources, 2 processes, 1 killed and restarted; 1 cloud instance each");
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

    private static async Task<List<string>> StatusesAsync(HttpClient client, IEnumerable<string> ids, TrafficTally tally)
    {
        var statuses = new List<string>();
        foreach (var id in ids)
        {
            using var response = await client.GetAsync($"/api/v1/resources/{id}");
            tally.Record(response.StatusCode);
            statuses.Add((await response.ReadJsonAsync())["status"]!.GetValue<string>());
        }

        return statuses;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the resources did not settle in time");
            await Task.Delay(250);
        }
    }
}
