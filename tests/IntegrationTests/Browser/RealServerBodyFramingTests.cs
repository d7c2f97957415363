using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Browser;

/// <summary>How a real Kestrel socket frames the body of a read of one resource (the test server does no framing).</summary>
public sealed class RealServerBodyFramingTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task A_resource_read_carries_its_content_length_and_is_not_chunked()
    {
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await factory.GetAccessTokenAsync("admin", OrchestratorApiFactory.AdminPassword));
        using var created = await client.CreateResourceAsync(new { name = "framed1", type = "s3", region = "eu-west-2" });
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();

        using var fetched = await client.GetAsync($"/api/v1/resources/{id}");
        var body = await fetched.Content.ReadAsByteArrayAsync();

        fetched.StatusCode.ShouldBe(HttpStatusCode.OK);
        fetched.Headers.TransferEncodingChunked.ShouldNotBe(true);
        fetched.Content.Headers.ContentLength.ShouldBe(body.Length);
        fetched.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        fetched.Headers.ETag.ShouldNotBeNull();
        JsonNode.Parse(body)!["id"]!.GetValue<string>().ShouldBe(id);
    }
}
