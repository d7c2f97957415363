using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>Optimistic concurrency under a race: of many PATCHes with the same If-Match, exactly one wins.</summary>
public sealed class ConcurrentPatchTests(OrchestratorApiFactory factory, ITestOutputHelper output) : IClassFixture<OrchestratorApiFactory>
{
    private const int Contenders = 16;
    private const int Rounds = 6;

    [Fact]
    public async Task Concurrent_patches_with_one_etag_let_exactly_one_win_and_the_rest_get_412()
    {
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;
        string id;
        using (var created = await owner.CreateResourceAsync(new { name = "racetarget", type = "s3", region = "us-east-1" }))
        {
            id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        }

        var tally = new TrafficTally("concurrent patches");
        for (var round = 0; round < Rounds; round++)
        {
            string etag;
            using (var current = await owner.GetAsync($"/api/v1/resources/{id}"))
            {
                etag = current.Headers.ETag!.ToString();
            }

            var responses = await Task.WhenAll(Enumerable.Range(0, Contenders).Select(i =>
                owner.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", $$$"""{"tags":{"writer":"w{{{i}}}"}}""", ("If-Match", etag))));
            var winners = new List<int>();
            for (var i = 0; i < responses.Length; i++)
            {
                using var response = responses[i];
                tally.Record(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    winners.Add(i);
                }
                else if (response.StatusCode != HttpStatusCode.PreconditionFailed)
                {
                    tally.Fail($"round {round}, writer {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                else
                {
                    await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
                }
            }

            winners.Count.ShouldBe(1, tally.Summary());

            // The stored tags are the winner's, and the ETag moved on.
            using var after = await owner.GetAsync($"/api/v1/resources/{id}");
            var resource = JsonNode.Parse(await after.Content.ReadAsStringAsync())!;
            resource["tags"]!["writer"]!.GetValue<string>().ShouldBe($"w{winners[0]}");
            after.Headers.ETag!.ToString().ShouldNotBe(etag);
        }

        tally.Report(output, $"{Rounds} rounds of {Contenders}, one winner each");
    }
}
