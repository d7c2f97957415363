using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>
/// A seeded fuzzer over every endpoint: thousands of random requests, any 5xx fails the test and prints the seed
/// (replay with ORCHESTRATOR_FUZZ_SEED) and the request. Bounded by count (ORCHESTRATOR_FUZZ_REQUESTS, default 5000)
/// and time (ORCHESTRATOR_FUZZ_SECONDS, default 45).
/// </summary>
public sealed class FuzzTests(OrchestratorApiFactory factory, ITestOutputHelper output) : IClassFixture<OrchestratorApiFactory>
{
    private const int Workers = 4;

    [Fact]
    public async Task OpenApi_document_lists_no_operation_the_fuzzer_misses()
    {
        using var client = factory.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(operation => operation.Key is "get" or "post" or "put" or "patch" or "delete")
                .Select(operation => (Method: operation.Key.ToUpperInvariant(), Path: path.Key)))
            .ToList();

        documented.Count.ShouldBeGreaterThan(15);
        documented.Where(o => !FuzzRequestGenerator.Endpoints.Contains(o)).ShouldBeEmpty("operations the fuzzer does not send");
    }

    [Fact]
    public async Task Thousands_of_random_requests_to_every_endpoint_never_get_a_5xx()
    {
        var seed = Setting("ORCHESTRATOR_FUZZ_SEED", Random.Shared.Next());
        var count = Setting("ORCHESTRATOR_FUZZ_REQUESTS", 5000);
        var budget = TimeSpan.FromSeconds(Setting("ORCHESTRATOR_FUZZ_SECONDS", 45));
        output.WriteLine($"{TrafficTally.Marker} fuzz seed {seed} (replay: ORCHESTRATOR_FUZZ_SEED={seed}), up to {count} requests or {budget.TotalSeconds} s");

        var adminToken = await factory.GetAccessTokenAsync("admin", OrchestratorApiFactory.AdminPassword);
        var operatorAccount = await UserAccount.CreateAsync(factory, "operator");
        var viewerAccount = await UserAccount.CreateAsync(factory, "viewer");
        var target = await UserAccount.CreateAsync(factory, "viewer");
        var operatorToken = await factory.GetAccessTokenAsync(operatorAccount.Username, operatorAccount.Password);
        string resourceId;
        using (var owner = factory.CreateBearerClient(operatorToken))
        using (var created = await owner.CreateResourceAsync(new { name = "fuzztarget", type = "s3", region = "us-east-1", tags = new { env = "dev" } }))
        {
            resourceId = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        }

        var identities = new FuzzRequestGenerator.Identities(
            adminToken, operatorToken, await factory.GetAccessTokenAsync(viewerAccount.Username, viewerAccount.Password), resourceId, target.Id.ToString());
        var generator = new FuzzRequestGenerator(seed, identities);
        var requests = Enumerable.Range(0, count).Select(_ => generator.Next()).ToList();

        var tally = new TrafficTally("fuzz");
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            using var client = factory.CreateClient();
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests.Count && clock.Elapsed < budget)
            {
                var request = requests[index];
                try
                {
                    using var message = request.ToMessage();
                    using var response = await client.SendAsync(message);
                    tally.Record(response.StatusCode);
                    if ((int)response.StatusCode >= 500)
                    {
                        tally.Fail($"{(int)response.StatusCode} for {request}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException exception)
                {
                    tally.Fail($"no answer for {request}: {exception.Message}");
                }
            }
        }));

        tally.Report(output, string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}, {FuzzRequestGenerator.Endpoints.Length} endpoints, {clock.Elapsed.TotalSeconds:F1} s{(tally.Sent < count ? " (time budget reached)" : string.Empty)}"));
        tally.Count(HttpStatusCode.OK).ShouldBeGreaterThan(0, "some fuzzed requests should be valid enough to succeed");
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
