using System.Net;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>
/// Many writers on one resource or one account at once, as an attacker would send them: never a 500, a 412 only
/// for a request that sent If-Match, a 409 with what to do otherwise, every accepted change audited, none lost.
/// </summary>
public sealed class ConcurrentChangeTests(OrchestratorApiFactory factory, ITestOutputHelper output) : IClassFixture<OrchestratorApiFactory>
{
    private const int Writers = 32;

    [Fact]
    public async Task Concurrent_patches_and_policy_puts_with_and_without_if_match_are_answered_and_none_is_lost()
    {
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;
        var id = await CreateResourceAsync(owner, "racemixed");
        string etag;
        using (var current = await owner.GetAsync($"/api/v1/resources/{id}"))
        {
            etag = current.Headers.ETag!.ToString();
        }

        var writes = Enumerable.Range(0, Writers).Select(i => new Write(i, IsPatch: i % 2 == 0, WithIfMatch: i % 4 < 2, Guid.NewGuid())).ToList();
        var responses = await Task.WhenAll(writes.Select(w => w.IsPatch
            ? owner.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", $$$"""{"tags":{"writer":"{{{w.Marker:N}}}"}}""", w.Headers(etag))
            : owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{id}/policy",
                $$$"""{"statements":[{"effect":"Allow","principals":["user:{{{w.Marker}}}"],"actions":["read"]}]}""", w.Headers(etag))));

        var tally = new TrafficTally("concurrent changes");
        var accepted = new List<(Write Write, long Version)>();
        for (var i = 0; i < responses.Length; i++)
        {
            using var response = responses[i];
            var write = writes[i];
            tally.Record(response.StatusCode);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    accepted.Add((write, VersionOf(response.Headers.ETag!.ToString())));
                    break;
                case HttpStatusCode.PreconditionFailed when write.WithIfMatch:
                    (await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed))["detail"]!.GetValue<string>().ShouldContain("ETag");
                    break;
                case HttpStatusCode.Conflict when !write.WithIfMatch:
                    (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldContain("retry");
                    break;
                default:
                    tally.Fail($"writer {i} (If-Match: {write.WithIfMatch}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    break;
            }
        }

        tally.Report(output, $"{Writers} writers, {accepted.Count} accepted");
        accepted.Count(a => !a.Write.WithIfMatch).ShouldBeGreaterThan(0, tally.Summary());

        // Each accepted change got a version of its own: none was written over unseen.
        accepted.Select(a => a.Version).Distinct().Count().ShouldBe(accepted.Count, tally.Summary());

        // Every accepted change is in the audit log, once.
        using var admin = await factory.CreateAdminClientAsync();
        (await AuditCountAsync(admin, id, "resource.tags-replaced")).ShouldBe(accepted.Count(a => a.Write.IsPatch));
        (await AuditCountAsync(admin, id, "resource.policy-replaced")).ShouldBe(accepted.Count(a => !a.Write.IsPatch));

        // The stored state is the last accepted change of each kind.
        using var resource = await owner.GetAsync($"/api/v1/resources/{id}");
        // The race may leave one kind with no accepted change: MaxBy of an empty sequence of tuples throws, so take the first.
        var lastPatch = accepted.Where(a => a.Write.IsPatch).OrderByDescending(a => a.Version).FirstOrDefault();
        if (lastPatch.Write is not null)
        {
            (await resource.ReadJsonAsync())["tags"]!["writer"]!.GetValue<string>().ShouldBe($"{lastPatch.Write.Marker:N}");
        }

        using var policy = await owner.GetAsync($"/api/v1/resources/{id}/policy");
        var lastPut = accepted.Where(a => !a.Write.IsPatch).OrderByDescending(a => a.Version).FirstOrDefault();
        if (lastPut.Write is not null)
        {
            (await policy.Content.ReadAsStringAsync()).ShouldContain(lastPut.Write.Marker.ToString());
        }

        policy.Headers.ETag!.ToString().ShouldBe(resource.Headers.ETag!.ToString());
        VersionOf(resource.Headers.ETag!.ToString()).ShouldBe(accepted.Max(a => a.Version));
    }

    [Fact]
    public async Task Concurrent_deletes_without_if_match_all_succeed()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var id = await CreateResourceAsync(admin, "racedelete");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => admin.DeleteAsync($"/api/v1/resources/{id}")));
        foreach (var response in responses)
        {
            using (response)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
            }
        }

        (await AuditCountAsync(admin, id, "resource.deletion-requested")).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_password_changes_accept_exactly_one()
    {
        var user = await UserAccount.CreateAsync(factory);
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        using var client = factory.CreateBearerClient(tokens.Access());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/password",
            $$"""{"currentPassword":"{{user.Password}}","newPassword":"a brand new long passphrase number {{i}}"}""")));
        var changed = 0;
        foreach (var response in responses)
        {
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync();
                ((int)response.StatusCode).ShouldBeLessThan(500, body);
                response.StatusCode.ShouldNotBe(HttpStatusCode.PreconditionFailed, body);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    changed++;
                }
            }
        }

        // The others lost the race, ran again, and found the current password no longer current (400), or gave up (409).
        changed.ShouldBe(1);
        using var admin = await factory.CreateAdminClientAsync();
        using var audit = await admin.GetAsync($"/api/v1/audit?userId={user.Id}&action=user.password-changed");
        (await audit.ReadJsonAsync())["totalCount"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task The_policy_answers_with_the_resources_etag_and_a_stale_if_match_is_refused()
    {
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;
        var id = await CreateResourceAsync(owner, "policyetag");

        string etag;
        using (var read = await owner.GetAsync($"/api/v1/resources/{id}/policy"))
        {
            read.StatusCode.ShouldBe(HttpStatusCode.OK);
            etag = read.Headers.ETag?.ToString() ?? throw new ShouldAssertException("GET policy sent no ETag");
        }

        using (var resource = await owner.GetAsync($"/api/v1/resources/{id}"))
        {
            resource.Headers.ETag!.ToString().ShouldBe(etag);
        }

        const string Policy = """{"statements":[{"effect":"Allow","principals":["role:viewer"],"actions":["read"]}]}""";
        string next;
        using (var put = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{id}/policy", Policy, ("If-Match", etag)))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
            next = put.Headers.ETag!.ToString();
            next.ShouldNotBe(etag);
        }

        using (var stale = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{id}/policy", Policy, ("If-Match", etag)))
        {
            (await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed))["detail"].ShouldNotBeNull();
        }

        using (var patch = await owner.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{}}""", ("If-Match", next)))
        {
            patch.StatusCode.ShouldBe(HttpStatusCode.OK, await patch.Content.ReadAsStringAsync());
        }

        using (var any = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{id}/policy", Policy, ("If-Match", "*")))
        {
            any.StatusCode.ShouldBe(HttpStatusCode.OK, await any.Content.ReadAsStringAsync());
        }
    }

    private static long VersionOf(string etag) => long.Parse(etag.Trim('"').TrimStart('v'), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<int> AuditCountAsync(HttpClient admin, string resourceId, string action)
    {
        using var response = await admin.GetAsync($"/api/v1/audit?resourceId={resourceId}&action={action}");
        return (await response.ReadJsonAsync())["totalCount"]!.GetValue<int>();
    }

    private static async Task<string> CreateResourceAsync(HttpClient owner, string name)
    {
        using var created = await owner.CreateResourceAsync(new { name = $"{name}{Guid.NewGuid():N}"[..20], type = "s3", region = "us-east-1" });
        return (await created.ReadJsonAsync())["id"]!.GetValue<string>();
    }

    private sealed record Write(int Index, bool IsPatch, bool WithIfMatch, Guid Marker)
    {
        public (string Name, string Value)[] Headers(string etag) => WithIfMatch ? [("If-Match", etag)] : [];
    }
}
