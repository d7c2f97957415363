using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CsCheck;
using Orchestrator.IntegrationTests.Abuse.Fuzzing;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>
/// Property-based fuzzing from the served OpenAPI document: requests to every operation it lists, generated and mutated
/// by CsCheck, never get a 5xx, and every error is a problem (or RFC 6749 JSON at the token endpoints). Bounded by
/// FUZZ_SECONDS (default 45); FUZZ_SEED replays a run, or a reported request, from its seed. Writes one summary line
/// starting with "[fuzz]".
/// </summary>
public sealed class FuzzTests(FuzzedApiFactory factory, ITestOutputHelper output) : IClassFixture<FuzzedApiFactory>
{
    private const int Workers = 4;

    private static readonly Regex TraceId = new("\"traceId\":\"00-([0-9a-f]{32})-", RegexOptions.Compiled);

    [Fact]
    public async Task The_generator_sends_every_operation_of_the_served_document_with_each_documented_body()
    {
        var document = await ServedDocumentAsync();
        var requests = new OpenApiRequests(document, [Guid.NewGuid().ToString()], [FuzzCallers.Admin, "viewer"]).Requests;
        var pcg = new PCG(1, 2026);
        var generated = Enumerable.Range(0, 3_000).Select(_ => requests.Generate(pcg, null, out Size _)).ToList();

        var operations = generated.Select(r => r.Operation.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        document.Operations.Count.ShouldBeGreaterThan(15);
        operations.ShouldBe([.. document.Operations.Select(o => o.Name).Order(StringComparer.Ordinal)], $"{operations.Count} of {document.Operations.Count} operations generated");
        foreach (var operation in document.Operations)
        {
            var sent = generated.Where(r => r.Operation == operation && r.Method == operation.Method).ToList();
            sent.ShouldNotBeEmpty($"{operation.Name} with its own method");
            foreach (var (mediaType, _) in operation.Bodies)
            {
                sent.ShouldContain(r => r.Body != null && r.Body.ContentType == mediaType, $"{operation.Name} with a {mediaType} body");
            }
        }
    }

    [Fact]
    public async Task A_printed_seed_generates_the_same_request_again()
    {
        var requests = new OpenApiRequests(await ServedDocumentAsync(), [Guid.NewGuid().ToString()], [FuzzCallers.Admin]).Requests;
        var pcg = new PCG(7, 2026);
        for (var i = 0; i < 100; i++)
        {
            var seed = pcg.ToString();
            var request = requests.Generate(pcg, null, out Size _);
            var replayed = requests.Generate(PCG.Parse(seed), null, out Size _);
            replayed.ToString().ShouldBe(request.ToString(), seed);
            (replayed.Body?.Bytes ?? []).ShouldBe(request.Body?.Bytes ?? [], seed);
        }
    }

    [Fact]
    public async Task Requests_generated_from_the_OpenAPI_document_never_get_a_5xx_and_every_error_is_a_problem()
    {
        var budget = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("FUZZ_SECONDS") ?? "45", CultureInfo.InvariantCulture));
        var seed = Environment.GetEnvironmentVariable("FUZZ_SEED") is { Length: > 0 } given ? given : new PCG((uint)Random.Shared.Next(), (ulong)Random.Shared.NextInt64()).ToString();

        var setup = Stopwatch.StartNew();
        var document = await ServedDocumentAsync();
        var (callers, knownIds) = await SeedAsync();
        output.WriteLine($"setup {setup.Elapsed.TotalSeconds:F1} s");
        var requests = new OpenApiRequests(document, knownIds, callers.Accounts).Requests;
        using var client = factory.CreateClient();
        var campaign = new FuzzCampaign(requests, request => SendAsync(client, callers, factory.Errors, request));
        var clock = Stopwatch.StartNew();
        await campaign.RunAsync(PCG.Parse(seed), budget, Workers);
        clock.Stop();

        var statuses = string.Join(",", campaign.Statuses.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}:{s.Value}")));
        output.WriteLine($"[fuzz] seed={seed} requests={campaign.Sent} operations={campaign.Operations.Count}/{document.Operations.Count} breaches={campaign.Breaches.Count} seconds={clock.Elapsed.TotalSeconds:F0} statuses={{{statuses}}}");
        foreach (var failure in callers.SignInFailures.Take(5))
        {
            output.WriteLine($"sign-in failed: {failure}");
        }

        output.WriteLine($"slowest answer: {campaign.Slowest.Took.TotalSeconds:F1} s, to {campaign.Slowest.Request}");
        foreach (var breach in campaign.Breaches)
        {
            output.WriteLine($"\n{breach.Kind}: {breach.Occurrences} requests, {breach.Shrinks} shrinks; the smallest (replay: FUZZ_SEED={breach.Seed}):\n  {breach.Request}\n  answer: {breach.Answer.Description}");
            if (breach.Answer.ServerLog is { } log)
            {
                output.WriteLine("  server log:\n    " + log.Replace("\n", "\n    ", StringComparison.Ordinal));
            }
        }

        campaign.Operations.Count.ShouldBe(document.Operations.Count, "operations the run sent");
        campaign.Breaches.Select(b => b.Kind).ShouldBeEmpty("contract breaches; the test output shows the smallest request of each");
    }

    private async Task<ServedOpenApiDocument> ServedDocumentAsync()
    {
        using var client = factory.CreateClient();
        return new ServedOpenApiDocument(await client.GetStringAsync("/swagger/v1/swagger.json"));
    }

    /// <summary>Accounts of each role and a few resources and a user for path parameters to name.</summary>
    private async Task<(FuzzCallers Callers, IReadOnlyList<string> KnownIds)> SeedAsync()
    {
        var operatorAccount = await UserAccount.CreateAsync(factory, "operator");
        var viewerAccount = await UserAccount.CreateAsync(factory, "viewer");
        var target = await UserAccount.CreateAsync(factory, "viewer");
        var callers = await FuzzCallers.SignInAsync(factory, new Dictionary<string, (string, string)>
        {
            [FuzzCallers.Admin] = ("admin", OrchestratorApiFactory.AdminPassword),
            ["operator"] = (operatorAccount.Username, operatorAccount.Password),
            ["viewer"] = (viewerAccount.Username, viewerAccount.Password),
        });
        List<string> ids = [target.Id.ToString()];
        foreach (var (caller, type) in new[] { (FuzzCallers.Admin, "s3"), (FuzzCallers.Admin, "ec2"), ("operator", "s3") })
        {
            using var owner = factory.CreateBearerClient(callers.Authorization(caller)!["Bearer ".Length..]);
            using var created = await owner.CreateResourceAsync(new { name = $"fuzz{ids.Count}", type, region = "us-east-1", tags = new { env = "dev" } });
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
            ids.Add((await created.ReadJsonAsync())["id"]!.GetValue<string>());
        }

        return (callers, ids);
    }

    private static async Task<FuzzAnswer> SendAsync(HttpClient client, FuzzCallers callers, ServerErrorLog errors, FuzzRequest request)
    {
        using var message = request.ToMessage(callers.Authorization);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            using var response = await client.SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            if (status == 401 && callers.Accounts.Contains(request.Caller))
            {
                // A key rotation (or a session the run revoked) ended the token: sign in again, at most once a second.
                await callers.RefreshAsync(TimeSpan.FromSeconds(1));
            }

            var contentType = response.Content.Headers.ContentType;
            var description = $"{status} {contentType} {(body.Length > 400 ? body[..400] + "..." : body)}";
            var breach = AnswerContract.Breach(request, status, contentType, body);
            if (status >= 500 && TraceId.Match(body) is { Success: true } trace && errors.Find(trace.Groups[1].Value) is { } logged)
            {
                // Grouped by where the exception was thrown, so one defect reached from many operations is one breach.
                return new FuzzAnswer(status, $"{status} from {logged.Place}", description, logged.Text);
            }

            return new FuzzAnswer(status, breach, description);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException or InvalidOperationException)
        {
            return new FuzzAnswer(0, $"no answer at {request.Operation.Name}: {exception.GetType().Name}", exception.ToString());
        }
    }
}
