using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>Two real API processes on one data directory (database, keys) and one Redis share one per-IP budget.</summary>
public sealed class TwoProcessTests(ITestOutputHelper output) : IDisposable
{
    private const int Budget = 10;
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Two_api_processes_share_the_database_keys_and_one_per_ip_budget()
    {
        var settings = new Dictionary<string, string>
        {
            ["DataDirectory"] = _dataDirectory,
            ["Bootstrap:AdminPassword"] = OrchestratorApiFactory.AdminPassword,
            ["Redis:ConnectionString"] = TestRedis.ConnectionString,
            ["Redis:KeyPrefix"] = TestRedis.NewKeyPrefix(),
            ["RateLimiting:PermitsPerMinute"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        // One after the other: the first creates the database, keys and admin; the second finds them.
        var sinceFirstProbe = System.Diagnostics.Stopwatch.StartNew();
        using var first = await ApiProcess.StartAsync(settings, StartupTimeout);
        using var second = await ApiProcess.StartAsync(settings, StartupTimeout);
        using var viaFirst = new HttpClient { BaseAddress = first.BaseAddress };
        using var viaSecond = new HttpClient { BaseAddress = second.BaseAddress };
        var tally = new TrafficTally("two processes");

        using var login = await viaFirst.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "admin",
            ["password"] = OrchestratorApiFactory.AdminPassword,
        }));
        tally.Record(login.StatusCode);
        login.StatusCode.ShouldBe(HttpStatusCode.OK, first.Output);
        var token = (await login.ReadJsonAsync())["access_token"]!.GetValue<string>();
        viaFirst.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        viaSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // A resource created through one process is read through the other with the same token: one database, one key.
        using var created = await viaFirst.PostAsJsonAsync("/api/v1/resources", new { name = "shared", type = "s3", region = "us-east-1" });
        tally.Record(created.StatusCode);
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        using var read = await viaSecond.GetAsync($"/api/v1/resources/{id}");
        tally.Record(read.StatusCode);
        read.StatusCode.ShouldBe(HttpStatusCode.OK, second.Output);
        var remaining = Remaining(read);

        // Five requests so far (a probe of each, the login, the creation, the read); GCRA gives one back every
        // 60 / Budget seconds, and a loaded machine may take many seconds to start two processes.
        var givenBack = 1 + (int)(sinceFirstProbe.Elapsed.TotalSeconds / (60.0 / Budget));
        remaining.ShouldBeLessThanOrEqualTo(Math.Min(Budget - 1, Budget - 5 + givenBack), "the start-up probes, the login and the creation through the first process count in the second's budget");

        // The rest of the budget, spent alternately through both processes, runs out exactly once for both.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < remaining + 6; i++)
        {
            using var response = await (i % 2 == 0 ? viaFirst : viaSecond).GetAsync("/api/v1/me");
            tally.Record(response.StatusCode);
            statuses.Add(response.StatusCode);
        }

        tally.Report(output, $"budget {Budget} per minute shared by 2 processes");
        statuses.Take(remaining).ShouldAllBe(s => s == HttpStatusCode.OK);

        // GCRA gives one permit back every 60 / Budget seconds; on a slow machine one may come back during the loop,
        // at any point after the budget ran out (the last request included).
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBeInRange(remaining, remaining + 1);
        statuses.Skip(remaining).Count(s => s == HttpStatusCode.TooManyRequests).ShouldBeGreaterThanOrEqualTo(5);
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

    /// <summary>The r= of <c>RateLimit: "per-ip";r=7;t=12</c>.</summary>
    private static int Remaining(HttpResponseMessage response) =>
        int.Parse(
            response.Headers.GetValues("RateLimit").Single().Split(';').Single(p => p.StartsWith("r=", StringComparison.Ordinal))[2..],
            System.Globalization.CultureInfo.InvariantCulture);
}
