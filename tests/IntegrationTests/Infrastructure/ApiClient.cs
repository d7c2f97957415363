using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>Test helpers over an HTTP client: log in, create users, send JSON, read problems.</summary>
public static class ApiClient
{
    public static async Task<string> GetAccessTokenAsync(this OrchestratorApiFactory factory, string username, string password)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = username,
            ["password"] = password,
        }));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    public static async Task<HttpClient> CreateAdminClientAsync(this OrchestratorApiFactory factory) =>
        factory.CreateBearerClient(await factory.GetAccessTokenAsync("admin", OrchestratorApiFactory.AdminPassword));

    public static HttpClient CreateBearerClient(this OrchestratorApiFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user through the admin API and returns a client logged in as that user, and the user's id.</summary>
    public static async Task<(HttpClient Client, Guid UserId)> CreateUserClientAsync(this OrchestratorApiFactory factory, string role)
    {
        using var admin = await factory.CreateAdminClientAsync();
        var username = $"{role}-{Guid.NewGuid():N}"[..20];
        var password = TestPasswords.Random();
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new { username, password, role });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var user = await response.ReadJsonAsync();
        var token = await factory.GetAccessTokenAsync(username, password);
        return (factory.CreateBearerClient(token), Guid.Parse(user["id"]!.GetValue<string>()));
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new JsonException("Empty body");
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> CreateResourceAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        var headers = idempotencyKey is null ? Array.Empty<(string, string)>() : [("Idempotency-Key", idempotencyKey)];
        return client.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", JsonSerializer.Serialize(body), headers);
    }

    /// <summary>Asserts an RFC 9457 problem document with the given status, and returns it.</summary>
    /// <summary>
    /// The ids of every page of a list read by cursor from <paramref name="path"/> (which has a query string), following
    /// each <c>nextCursor</c> until there is none; every page must be a 200.
    /// </summary>
    public static async Task<List<string>> ListIdsByCursorAsync(this HttpClient client, string path)
    {
        var ids = new List<string>();
        string? next = path;
        while (next is not null)
        {
            using var response = await client.GetAsync(next);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var body = await response.ReadJsonAsync();
            ids.AddRange(body["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()));
            next = body["nextCursor"]?.GetValue<string>() is { } cursor ? $"{path}&cursor={Uri.EscapeDataString(cursor)}" : null;
        }

        return ids;
    }

    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var problem = JsonNode.Parse(text)!;
        problem["status"]!.GetValue<int>().ShouldBe((int)status);
        problem["title"].ShouldNotBeNull();
        problem["type"].ShouldNotBeNull();
        problem["traceId"].ShouldNotBeNull();
        ShouldLeakNothing(text);
        return problem;
    }

    /// <summary>No stack trace, exception type, SQL or file path in a body a client sees.</summary>
    public static void ShouldLeakNothing(string body)
    {
        string[] forbidden = ["   at ", "Exception", "System.", "Orchestrator.", "SELECT ", "INSERT ", "/tmp/", "/work/", ".cs:line"];
        foreach (var marker in forbidden)
        {
            body.ShouldNotContain(marker, Case.Sensitive, $"the body leaks '{marker}': {body}");
        }
    }
}
