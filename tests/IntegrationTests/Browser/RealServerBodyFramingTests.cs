using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Browser;

/// <summary>How a real Kestrel socket frames the body of a read of one resource and of a list (the test server does no framing).</summary>
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

        ShouldBeSentWhole(fetched, body);
        fetched.Headers.ETag.ShouldNotBeNull();
        JsonNode.Parse(body)!["id"]!.GetValue<string>().ShouldBe(id);
    }

    [Fact]
    public async Task A_list_page_carries_its_content_length_and_its_text_as_the_service_writes_it()
    {
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await factory.GetAccessTokenAsync("admin", OrchestratorApiFactory.AdminPassword));
        const string place = "Zürich+café";
        for (var i = 0; i < 3; i++)
        {
            using var created = await client.CreateResourceAsync(new { name = $"framedlist{i}", type = "s3", region = "eu-west-2", tags = new { place } });
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
        }

        using var listed = await client.GetAsync($"/api/v1/resources?pageSize=2&tag=place:{Uri.EscapeDataString(place)}");
        var body = await listed.Content.ReadAsByteArrayAsync();

        ShouldBeSentWhole(listed, body);
        // The service's JSON settings write letters and '+' as they are (the relaxed encoder), not as \u escapes.
        System.Text.Encoding.UTF8.GetString(body).ShouldContain($"\"place\":\"{place}\"");
        var page = JsonNode.Parse(body)!;
        page["items"]!.AsArray().Count.ShouldBe(2);
        page["nextCursor"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    /// <summary>A 200 whose JSON body came in one piece with its length, not in chunks.</summary>
    private static void ShouldBeSentWhole(HttpResponseMessage response, byte[] body)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.TransferEncodingChunked.ShouldNotBe(true);
        response.Content.Headers.ContentLength.ShouldBe(body.Length);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
    }
}
