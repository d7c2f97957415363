using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Orchestrator.IntegrationTests.Browser;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>
/// Steady load against the API on a real Kestrel socket for about 40 s: no errors, and the managed heap after
/// warm-up is the managed heap at the end, within a tolerance.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Workers = 6;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Growth allowed in the live managed heap (after a full compacting collection) between the end of warm-up and
    /// the end of the run. Caches (EF's query cache, connection pools, JIT-ed code's statics) fill during warm-up;
    /// what still grows after that, per request, is a leak: 16 MB over the ten to twenty thousand steady requests
    /// here is about 1 KB per request, far less than any retained request, response or DbContext. The working set
    /// is reported, not asserted: it includes memory the GC keeps for reuse and native caches the runtime trims
    /// when it chooses, so it moves without any leak.
    /// </summary>
    private const long HeapToleranceBytes = 16L * 1024 * 1024;

    [Fact]
    public async Task Steady_load_for_forty_seconds_has_no_errors_and_a_flat_heap()
    {
        using var factory = new KestrelApiFactory();

        // Each steady request would otherwise add a captured log line to this very process, which is not the API's memory.
        factory.With("Logging:LogLevel:Default", "Warning").With("Quotas:S3Buckets", "1000000");
        var user = await UserAccount.CreateAsync(factory, "admin");
        var baseAddress = factory.BaseAddress;
        var token = await factory.GetAccessTokenAsync(user.Username, user.Password);
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var tally = new TrafficTally("soak");
        await RunAsync(client, tally, WarmUp);
        var (heapAfterWarmUp, workingSetAfterWarmUp) = Measure();
        var warmUpRequests = tally.Sent;

        var clock = Stopwatch.StartNew();
        await RunAsync(client, tally, Steady);
        var seconds = clock.Elapsed.TotalSeconds;
        var (heapAtEnd, workingSetAtEnd) = Measure();
        var steadyRequests = tally.Sent - warmUpRequests;

        var figures = string.Create(CultureInfo.InvariantCulture,
            $"{steadyRequests} steady requests in {seconds:F0} s ({steadyRequests / seconds:F0}/s), managed heap {Mb(heapAfterWarmUp)} MB after warm-up and {Mb(heapAtEnd)} MB at the end, working set {Mb(workingSetAfterWarmUp)} MB and {Mb(workingSetAtEnd)} MB");
        tally.Report(output, figures);
        steadyRequests.ShouldBeGreaterThan(0);
        (heapAtEnd - heapAfterWarmUp).ShouldBeLessThan(HeapToleranceBytes, figures);
    }

    private static async Task RunAsync(HttpClient client, TrafficTally tally, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => WorkAsync(client, tally, worker, stop.Token)));
    }

    /// <summary>One client's steady loop: reads, a tag update with If-Match, and now and then a bucket created and deleted.</summary>
    private static async Task WorkAsync(HttpClient client, TrafficTally tally, int worker, CancellationToken stop)
    {
        var id = (await ExpectAsync(client, tally, HttpMethod.Post, "/api/v1/resources", $$"""{"name":"soak{{worker}}","type":"s3","region":"us-east-1"}""", null, HttpStatusCode.Accepted))!;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            await ExpectAsync(client, tally, HttpMethod.Get, "/api/v1/me", null, null, HttpStatusCode.OK);
            await ExpectAsync(client, tally, HttpMethod.Get, "/api/v1/resources?type=s3&pageSize=20", null, null, HttpStatusCode.OK);
            var etag = await ExpectAsync(client, tally, HttpMethod.Get, $"/api/v1/resources/{id}", null, null, HttpStatusCode.OK);
            await ExpectAsync(client, tally, HttpMethod.Patch, $"/api/v1/resources/{id}", $$$"""{"tags":{"round":"r{{{i}}}"}}""", etag, HttpStatusCode.OK);
            if (i % 10 == 0)
            {
                var bucket = await ExpectAsync(client, tally, HttpMethod.Post, "/api/v1/resources", $$"""{"name":"b{{worker}}x{{i}}","type":"s3","region":"us-east-1"}""", null, HttpStatusCode.Accepted);
                await ExpectAsync(client, tally, HttpMethod.Delete, $"/api/v1/resources/{bucket}", null, null, HttpStatusCode.Accepted);
            }

            await ExpectAsync(client, tally, HttpMethod.Get, "/health/live", null, null, HttpStatusCode.OK);
        }
    }

    /// <summary>Sends one request and records it; answers the created id (POST) or the ETag (GET).</summary>
    private static async Task<string?> ExpectAsync(HttpClient client, TrafficTally tally, HttpMethod method, string url, string? json, string? ifMatch, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        tally.Record(response.StatusCode);
        if (response.StatusCode != expected)
        {
            tally.Fail($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return null;
        }

        return method == HttpMethod.Post ? (await response.ReadJsonAsync())["id"]!.GetValue<string>() : response.Headers.ETag?.ToString();
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture);
}
