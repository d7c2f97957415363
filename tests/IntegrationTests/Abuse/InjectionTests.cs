using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>SQL injection payloads in every string field, query parameter and header the API reads: refused, and nothing leaks or changes.</summary>
public sealed class InjectionTests(OrchestratorApiFactory factory, ITestOutputHelper output) : IClassFixture<OrchestratorApiFactory>
{
    private static readonly string[] Payloads =
    [
        "' OR '1'='1",
        "' OR 1=1 --",
        "admin'--",
        "'; DROP TABLE Resources; --",
        "\" OR \"\"=\"",
        "1; SELECT * FROM Users",
        "') UNION SELECT Id, PasswordHash FROM Users --",
        "%' OR 1=1 OR name LIKE '%",
        "x'); UPDATE Resources SET OwnerId = OwnerId; --",
        "' AND (SELECT COUNT(*) FROM sqlite_master) > 0 --",
    ];

    private static readonly HttpStatusCode[] BadRequest = [HttpStatusCode.BadRequest];

    [Fact]
    public async Task Injection_payloads_in_every_parameter_are_refused_and_nobody_elses_data_comes_back()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var (victim, _) = await factory.CreateUserClientAsync("operator");
        using var _v = victim;
        var (attacker, attackerId) = await factory.CreateUserClientAsync("operator");
        using var _a = attacker;
        var victimAccount = await UserAccount.CreateAsync(factory, "viewer");

        var victimResource = await CreateAsync(victim, """{"name":"victimdb","type":"s3","region":"us-east-1","tags":{"secret":"victim"}}""");
        var ownResource = await CreateAsync(attacker, """{"name":"mybucket","type":"s3","region":"us-east-1"}""");
        var usersBefore = (await admin.GetFromJsonAsync<JsonNode>("/api/v1/users?pageSize=200"))!["totalCount"]!.GetValue<int>();

        var tally = new TrafficTally("sql injection");
        foreach (var payload in Payloads)
        {
            var text = JsonSerializer.Serialize(payload);
            var query = Uri.EscapeDataString(payload);
            string[] creations =
            [
                $$"""{"name":{{text}},"type":"s3","region":"us-east-1"}""",
                $$"""{"name":"abc","type":{{text}},"region":"us-east-1"}""",
                $$"""{"name":"abc","type":"s3","region":{{text}}}""",
                $$$"""{"name":"abc","type":"s3","region":"us-east-1","tags":{{{{text}}}:"v"}}""",
                $$$"""{"name":"abc","type":"s3","region":"us-east-1","tags":{"k":{{{text}}}}}""",
                $$$"""{"name":"abc","type":"ec2","region":"us-east-1","spec":{"instanceType":{{{text}}}}}""",
                $$$"""{"name":"abc","type":"ec2","region":"us-east-1","spec":{"imageId":{{{text}}}}}""",
                $$$"""{"name":"abc","type":"rds","region":"us-east-1","spec":{"engine":{{{text}}}}}""",
                $$$"""{"name":"abc","type":"rds","region":"us-east-1","spec":{"instanceClass":{{{text}}}}}""",
            ];
            foreach (var body in creations)
            {
                await ExpectAsync(tally, attacker.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", body), $"create {body}", BadRequest);
            }

            foreach (var parameter in new[] { "type", "region", "status", "tag", "page", "pageSize" })
            {
                await ExpectListAsync(tally, attacker, $"/api/v1/resources?{parameter}={query}", attackerId, $"list ?{parameter}=");
            }

            await ExpectListAsync(tally, attacker, $"/api/v1/resources?tag=secret:{query}", attackerId, "list ?tag=secret:");
            await ExpectListAsync(tally, attacker, $"/api/v1/resources?tag={query}:victim", attackerId, "list ?tag=<payload>:victim");
            await ExpectListAsync(tally, attacker, $"/api/v1/resources?status=deleted&tag=secret:victim&type={query}", attackerId, "list combined");

            await ExpectAsync(tally, attacker.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{ownResource}", $$$"""{"tags":{"k":{{{text}}}}}"""), "patch tag value", BadRequest);
            await ExpectAsync(tally, attacker.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{ownResource}", """{"tags":{"k":"v"}}""", ("If-Match", payload)), "patch If-Match",
                HttpStatusCode.BadRequest, HttpStatusCode.PreconditionFailed);
            await ExpectAsync(tally, attacker.GetAsync($"/api/v1/resources/{query}"), "resource id in the path", HttpStatusCode.NotFound);
            await ExpectAsync(tally, attacker.GetAsync($"/api/v1/resources/{victimResource}{query}"), "victim id plus payload in the path", HttpStatusCode.NotFound);

            foreach (var statement in new[]
            {
                $$"""{"effect":"Allow","principals":[{{text}}],"actions":["read"]}""",
                $$"""{"effect":"Allow","principals":["user:{{payload.Replace("\"", "\\\"", StringComparison.Ordinal)}}"],"actions":["read"]}""",
                $$"""{"effect":"Allow","principals":["role:{{payload.Replace("\"", "\\\"", StringComparison.Ordinal)}}"],"actions":["read"]}""",
                $$"""{"effect":"Allow","principals":["*"],"actions":[{{text}}]}""",
                $$"""{"effect":{{text}},"principals":["*"],"actions":["read"]}""",
            })
            {
                await ExpectAsync(tally, attacker.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{ownResource}/policy", $$"""{"statements":[{{statement}}]}"""), $"policy {statement}", BadRequest);
            }

            await ExpectTokenErrorAsync(tally, ("grant_type", "password"), ("username", payload), ("password", "whatever long enough password"));
            await ExpectTokenErrorAsync(tally, ("grant_type", "password"), ("username", victimAccount.Username), ("password", payload));
            await ExpectTokenErrorAsync(tally, ("grant_type", "refresh_token"), ("refresh_token", payload));
            await ExpectTokenErrorAsync(tally, ("grant_type", payload), ("username", "admin"), ("password", payload));

            await ExpectAsync(tally, admin.SendJsonAsync(HttpMethod.Post, "/api/v1/users", $$"""{"username":{{text}},"password":"a long enough passphrase for sure","role":"viewer"}"""), "create user username", BadRequest);
            await ExpectAsync(tally, admin.SendJsonAsync(HttpMethod.Post, "/api/v1/users", $$"""{"username":"someone","password":"a long enough passphrase for sure","role":{{text}}}"""), "create user role", BadRequest);
            await ExpectAsync(tally, admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/users/{victimAccount.Id}", $$"""{"role":{{text}}}"""), "patch user role", BadRequest);
            await ExpectAsync(tally, admin.GetAsync($"/api/v1/users/{query}"), "user id in the path", HttpStatusCode.NotFound);
            await ExpectAsync(tally, admin.GetAsync($"/api/v1/users?page={query}"), "users ?page=", BadRequest);

            foreach (var parameter in new[] { "userId", "resourceId", "from", "to", "page" })
            {
                await ExpectAsync(tally, admin.GetAsync($"/api/v1/audit?{parameter}={query}"), $"audit ?{parameter}=", BadRequest);
            }

            // A free-text filter may answer 200, but only with events whose action is exactly the payload: none.
            using (var audit = await admin.GetAsync($"/api/v1/audit?action={query}"))
            {
                tally.Record(audit.StatusCode);
                var body = await audit.Content.ReadAsStringAsync();
                if (audit.StatusCode == HttpStatusCode.OK)
                {
                    if (JsonNode.Parse(body)!["items"]!.AsArray().Count != 0)
                    {
                        tally.Fail($"audit ?action={payload} returned events: {body}");
                    }
                }
                else if (audit.StatusCode != HttpStatusCode.BadRequest)
                {
                    tally.Fail($"audit ?action={payload}: {(int)audit.StatusCode} {body}");
                }
            }

            using var revoke = await factory.CreateClient().PostAsync("/token/revoke", new FormUrlEncodedContent([new("token", payload)]));
            tally.Record(revoke.StatusCode);
            if (revoke.StatusCode != HttpStatusCode.OK)
            {
                tally.Fail($"revoke {payload}: {(int)revoke.StatusCode}");
            }
        }

        // Nothing changed behind the refusals: the victim's resource and tags are intact, no user appeared.
        using (var victimView = await victim.GetAsync($"/api/v1/resources/{victimResource}"))
        {
            var resource = await victimView.ReadJsonAsync();
            victimView.StatusCode.ShouldBe(HttpStatusCode.OK);
            resource["tags"]!["secret"]!.GetValue<string>().ShouldBe("victim");
        }

        (await admin.GetFromJsonAsync<JsonNode>("/api/v1/users?pageSize=200"))!["totalCount"]!.GetValue<int>().ShouldBe(usersBefore);
        (await admin.GetFromJsonAsync<JsonNode>($"/api/v1/users/{victimAccount.Id}"))!["role"]!.GetValue<string>().ShouldBe("viewer");
        tally.Report(output, $"{Payloads.Length} payloads");
    }

    /// <summary>A validation message may quote the refused value; anything else that looks like SQL or a stack trace is a leak.</summary>
    private static void ShouldLeakNothingButTheEcho(string body)
    {
        foreach (var payload in Payloads.SelectMany(p => new[] { p, JsonSerializer.Serialize(p)[1..^1] }))
        {
            // Long values are quoted cut short ("...").
            for (var length = payload.Length; length >= 8; length--)
            {
                body = body.Replace(payload[..length], string.Empty, StringComparison.Ordinal);
            }
        }

        ApiClient.ShouldLeakNothing(body);
    }

    private static async Task<string> CreateAsync(HttpClient client, string body)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["id"]!.GetValue<string>();
    }

    private static async Task ExpectAsync(TrafficTally tally, Task<HttpResponseMessage> sending, string description, params HttpStatusCode[] allowed)
    {
        using var response = await sending;
        tally.Record(response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (!allowed.Contains(response.StatusCode))
        {
            tally.Fail($"{description}: {(int)response.StatusCode} {body}");
        }

        ShouldLeakNothingButTheEcho(body);
    }

    /// <summary>A list filter either refuses the value (400) or answers with the caller's own resources only.</summary>
    private static async Task ExpectListAsync(TrafficTally tally, HttpClient client, string url, Guid callerId, string description)
    {
        using var response = await client.GetAsync(url);
        tally.Record(response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        ShouldLeakNothingButTheEcho(body);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            tally.Fail($"{description}: {(int)response.StatusCode} {body}");
            return;
        }

        var foreign = JsonNode.Parse(body)!["items"]!.AsArray().Where(i => i!["ownerId"]!.GetValue<string>() != callerId.ToString()).ToList();
        if (foreign.Count > 0)
        {
            tally.Fail($"{description}: another user's resource came back: {body}");
        }
    }

    private async Task ExpectTokenErrorAsync(TrafficTally tally, params (string Key, string Value)[] fields)
    {
        var (status, body) = await factory.PostTokenAsync(fields);
        tally.Record(status);
        if (status != HttpStatusCode.BadRequest || body["error"] is null || body["access_token"] is not null)
        {
            tally.Fail($"token {string.Join('&', fields.Select(f => f.Key))}: {(int)status} {body.ToJsonString()}");
        }
    }
}
