using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>Form posts to the token endpoints, answering status and body.</summary>
internal static class TokenFlows
{
    public static async Task<(HttpStatusCode Status, JsonNode Body)> PostTokenAsync(this OrchestratorApiFactory factory, params (string Key, string Value)[] fields)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/token", Form(fields));
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    public static async Task<JsonNode> LoginAsync(this OrchestratorApiFactory factory, string username, string password, string? otp = null)
    {
        var fields = new List<(string, string)> { ("grant_type", "password"), ("username", username), ("password", password) };
        if (otp is not null)
        {
            fields.Add(("otp", otp));
        }

        var (status, body) = await factory.PostTokenAsync([.. fields]);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    public static Task<(HttpStatusCode Status, JsonNode Body)> RefreshAsync(this OrchestratorApiFactory factory, string refreshToken) =>
        factory.PostTokenAsync(("grant_type", "refresh_token"), ("refresh_token", refreshToken));

    public static async Task<HttpStatusCode> RevokeAsync(this OrchestratorApiFactory factory, string token, string? hint = null)
    {
        using var client = factory.CreateClient();
        var fields = hint is null ? new[] { ("token", token) } : [("token", token), ("token_type_hint", hint)];
        using var response = await client.PostAsync("/token/revoke", Form(fields));
        return response.StatusCode;
    }

    public static async Task<HttpStatusCode> MeStatusAsync(this OrchestratorApiFactory factory, string accessToken)
    {
        using var client = factory.CreateBearerClient(accessToken);
        using var response = await client.GetAsync("/api/v1/me");
        return response.StatusCode;
    }

    public static string Access(this JsonNode tokens) => tokens["access_token"]!.GetValue<string>();

    public static string Refresh(this JsonNode tokens) => tokens["refresh_token"]!.GetValue<string>();

    private static FormUrlEncodedContent Form(IEnumerable<(string Key, string Value)> fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
