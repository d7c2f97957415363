using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Webhooks;

/// <summary>
/// The subscriptions API over the real pipeline, with no host allowed by configuration: the secret shown once and
/// encrypted at rest, admins only, audited, and every URL that would reach a non-public address refused with 400.
/// </summary>
public sealed class WebhookApiTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    // A public address (no DNS needed); nothing is delivered here, the worker is off in this host.
    private const string PublicUrl = "https://93.184.215.14/hooks";

    [Fact]
    public async Task A_subscription_shows_its_secret_once_stores_it_encrypted_and_is_audited_when_made_and_deleted()
    {
        using var admin = await factory.CreateAdminClientAsync();
        using var created = await CreateAsync(admin, PublicUrl, ["resource.created", "security.lockout"], "chat channel");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.ReadJsonAsync();
        var id = body["id"]!.GetValue<string>();
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/webhooks/{id}");
        body["url"]!.GetValue<string>().ShouldBe(PublicUrl);
        body["events"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(["resource.created", "security.lockout"]);
        body["description"]!.GetValue<string>().ShouldBe("chat channel");
        var secret = body["secret"]!.GetValue<string>();
        secret.ShouldStartWith("whsec_");
        Convert.FromBase64String(secret["whsec_".Length..]).Length.ShouldBeGreaterThanOrEqualTo(24);

        using (var one = await admin.GetAsync($"/api/v1/webhooks/{id}"))
        {
            var text = await one.Content.ReadAsStringAsync();
            one.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            JsonNode.Parse(text)!["secret"].ShouldBeNull();
            text.ShouldNotContain(secret["whsec_".Length..]);
        }

        using (var list = await admin.GetAsync("/api/v1/webhooks"))
        {
            var text = await list.Content.ReadAsStringAsync();
            list.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            JsonNode.Parse(text)!["items"]!.AsArray().ShouldContain(i => i!["id"]!.GetValue<string>() == id);
            text.ShouldNotContain(secret["whsec_".Length..]);
        }

        using (var deliveries = await admin.GetAsync($"/api/v1/webhooks/{id}/deliveries"))
        {
            deliveries.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await deliveries.ReadJsonAsync())["items"]!.AsArray().ShouldBeEmpty();
        }

        // At rest the column holds ciphertext only.
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabaseFile};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Secret FROM WebhookSubscriptions WHERE Id = $id";
            command.Parameters.AddWithValue("$id", Guid.Parse(id).ToString().ToUpperInvariant());
            var stored = (string?)await command.ExecuteScalarAsync() ?? throw new ShouldAssertException("the row was not found");
            stored.ShouldNotContain(secret["whsec_".Length..]);
            stored.ShouldNotStartWith("whsec_");
        }

        using (var deleted = await admin.DeleteAsync($"/api/v1/webhooks/{id}"))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using (var gone = await admin.GetAsync($"/api/v1/webhooks/{id}"))
        {
            await gone.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        using (var again = await admin.DeleteAsync($"/api/v1/webhooks/{id}"))
        {
            await again.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        var audit = await AuditDetailsAsync(admin);
        audit.ShouldContain(a => a.Action == "webhook.created" && a.Details.Contains(id));
        audit.ShouldContain(a => a.Action == "webhook.deleted" && a.Details.Contains(id));
        var key = secret["whsec_".Length..];
        audit.ShouldAllBe(a => !a.Details.Contains(key));
    }

    [Fact]
    public async Task Only_admins_manage_subscriptions()
    {
        var (operatorClient, _) = await factory.CreateUserClientAsync("operator");
        using (operatorClient)
        {
            using var create = await CreateAsync(operatorClient, PublicUrl, ["*"], null);
            await create.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            using var list = await operatorClient.GetAsync("/api/v1/webhooks");
            await list.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [InlineData("""{"url":"https://93.184.215.14/","events":[]}""", "events")]
    [InlineData("""{"url":"https://93.184.215.14/","events":["resource.exploded"]}""", "events")]
    [InlineData("""{"url":"https://93.184.215.14/"}""", "events")]
    [InlineData("""{"events":["*"]}""", "url")]
    [InlineData("""{"url":"/relative","events":["*"]}""", "url")]
    [InlineData("""{"url":"ftp://93.184.215.14/","events":["*"]}""", "url")]
    public async Task A_malformed_subscription_is_a_400_naming_the_field(string json, string field)
    {
        using var admin = await factory.CreateAdminClientAsync();
        using var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/webhooks", json);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }

    [Fact]
    public async Task Unknown_properties_such_as_a_chosen_secret_are_refused()
    {
        using var admin = await factory.CreateAdminClientAsync();
        using var response = await admin.SendJsonAsync(
            HttpMethod.Post, "/api/v1/webhooks", """{"url":"https://93.184.215.14/","events":["*"],"secret":"whsec_AAAA"}""");
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>Loopback, the metadata address, private, link-local, carrier-grade NAT and unspecified addresses, in IPv4 and IPv6 spellings; plain http; credentials; a name resolving to loopback.</summary>
    [Theory]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://127.1.2.3:8443/hooks")]
    [InlineData("https://2130706433/hooks")]
    [InlineData("https://0x7f000001/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.0.0.5/hooks")]
    [InlineData("https://172.16.0.1/hooks")]
    [InlineData("https://192.168.1.10/hooks")]
    [InlineData("https://100.64.0.1/hooks")]
    [InlineData("https://0.0.0.0/hooks")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://[::]/hooks")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks")]
    [InlineData("https://[::ffff:169.254.169.254]/hooks")]
    [InlineData("https://[fd00:ec2::254]/hooks")]
    [InlineData("https://[fe80::1]/hooks")]
    [InlineData("https://[64:ff9b::a00:1]/hooks")]
    [InlineData("https://localhost/hooks")]
    [InlineData("http://93.184.215.14/hooks")]
    [InlineData("https://user:pass@93.184.215.14/hooks")]
    public async Task A_target_that_is_not_public_https_is_refused_at_registration(string url)
    {
        using var admin = await factory.CreateAdminClientAsync();
        using var response = await CreateAsync(admin, url, ["*"], null);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["url"]!.AsArray().ShouldNotBeEmpty();
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string url, string[] events, string? description) =>
        client.SendJsonAsync(HttpMethod.Post, "/api/v1/webhooks", JsonSerializer.Serialize(new { url, events, description }));

    private static async Task<List<(string Action, string Details)>> AuditDetailsAsync(HttpClient admin)
    {
        var found = new List<(string, string)>();
        foreach (var action in new[] { "webhook.created", "webhook.deleted" })
        {
            using var response = await admin.GetAsync($"/api/v1/audit?action={action}&pageSize=200");
            foreach (var item in (await response.ReadJsonAsync())["items"]!.AsArray())
            {
                found.Add((item!["action"]!.GetValue<string>(), item["details"]!.GetValue<string>()));
            }
        }

        return found;
    }
}
