using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>
/// The API as a real process, killed with SIGKILL in the middle of a burst of creations and started again on the same
/// data directory and Redis: every accepted creation is still there, no Idempotency-Key has two resources, quotas add up.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Ec2Quota = 10;
    private const int BucketQuota = 12;
    private const int Burst = 40;
    private const int AnswersBeforeCrash = 12;
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Killed_during_a_burst_of_creations_loses_no_accepted_request_duplicates_nothing_and_keeps_quotas()
    {
        var settings = new Dictionary<string, string>
        {
            ["DataDirectory"] = _dataDirectory,
            ["Bootstrap:AdminPassword"] = OrchestratorApiFactory.AdminPassword,
            ["Redis:ConnectionString"] = TestRedis.ConnectionString,
            ["Redis:KeyPrefix"] = TestRedis.NewKeyPrefix(),
            ["RateLimiting:PermitsPerMinute"] = "1000000",
            ["Quotas:Ec2PerHour"] = Ec2Quota.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Quotas:S3Buckets"] = BucketQuota.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var tally = new TrafficTally("crash during a burst of creations");
        var requests = Enumerable.Range(0, Burst)
            .Select(i => (Key: $"burst-{i:D2}", Body: new { name = $"crash{i:D2}", type = i % 2 == 0 ? "ec2" : "s3", region = "us-east-1" }))
            .ToList();

        var accepted = new ConcurrentDictionary<string, string>();
        string token;
        using (var api = await ApiProcess.StartAsync(settings, StartupTimeout))
        {
            using var client = new HttpClient { BaseAddress = api.BaseAddress };
            token = await LoginAsync(client);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var answered = 0;
            var crashed = new TaskCompletionSource();
            var sending = requests.Select(async request =>
            {
                try
                {
                    using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/resources") { Content = JsonContent.Create(request.Body) };
                    message.Headers.Add("Idempotency-Key", request.Key);
                    using var response = await client.SendAsync(message);
                    tally.Record(response.StatusCode);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        accepted[request.Key] = (await response.ReadJsonAsync())["id"]!.GetValue<string>();
                    }
                    else if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        tally.Fail($"{request.Key} before the crash: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    // Cut off by the crash: the client never learnt the outcome, and must be able to retry.
                }
                finally
                {
                    if (Interlocked.Increment(ref answered) == AnswersBeforeCrash)
                    {
                        api.Crash();
                        crashed.SetResult();
                    }
                }
            }).ToList();
            await Task.WhenAll(sending);
            await crashed.Task;
        }

        using (var api = await ApiProcess.StartAsync(settings, StartupTimeout))
        {
            using var client = new HttpClient { BaseAddress = api.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            // Every creation the client saw accepted survived the crash.
            foreach (var (key, id) in accepted)
            {
                using var response = await client.GetAsync($"/api/v1/resources/{id}");
                tally.Record(response.StatusCode);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    tally.Fail($"{key} was accepted as {id} before the crash, and is {(int)response.StatusCode} after it");
                }
            }

            // Every client retries with its key: an accepted one gets its first resource, the rest one resource at most.
            foreach (var request in requests)
            {
                using var response = await CreateWithKeyAsync(client, request.Key, request.Body, tally);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var id = (await response.ReadJsonAsync())["id"]!.GetValue<string>();
                    if (accepted.TryGetValue(request.Key, out var first) && first != id)
                    {
                        tally.Fail($"{request.Key}: retried after the crash as {id}, first accepted as {first}");
                    }
                }
                else if (response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    tally.Fail($"{request.Key} after the crash: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }

            var items = (await client.GetFromJsonAsync<JsonNode>("/api/v1/resources?pageSize=100"))!["items"]!.AsArray();
            var names = items.Select(i => i!["name"]!.GetValue<string>()).ToList();
            names.Count.ShouldBe(names.Distinct().Count(), "one resource per Idempotency-Key");
            var ec2 = items.Count(i => i!["type"]!.GetValue<string>() == "ec2");
            var buckets = items.Count(i => i!["type"]!.GetValue<string>() == "s3");
            tally.Report(output, $"{accepted.Count} accepted before the SIGKILL after {AnswersBeforeCrash} answers; after restart and retries {ec2} ec2 (quota {Ec2Quota}), {buckets} s3 (quota {BucketQuota})");
            ec2.ShouldBeLessThanOrEqualTo(Ec2Quota);
            buckets.ShouldBeLessThanOrEqualTo(BucketQuota);
        }
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

    /// <summary>
    /// Creates with the key, once: the killed process left nothing behind that holds a creation back (the bucket quota is
    /// decided in the database's transaction, no lease outlives its process), so a 503 now is a failure.
    /// </summary>
    private static async Task<HttpResponseMessage> CreateWithKeyAsync(HttpClient client, string key, object body, TrafficTally tally)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/resources") { Content = JsonContent.Create(body) };
        message.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(message);
        tally.Record(response.StatusCode);
        return response;
    }

    private static async Task<string> LoginAsync(HttpClient client)
    {
        using var login = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "admin",
            ["password"] = OrchestratorApiFactory.AdminPassword,
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await login.ReadJsonAsync())["access_token"]!.GetValue<string>();
    }
}
