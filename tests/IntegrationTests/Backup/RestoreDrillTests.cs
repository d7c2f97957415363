using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Abuse;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Backup;

/// <summary>
/// The restore drill, on the API as a real process: users (one with MFA), resources and policies; a backup taken with
/// a passphrase while ten writers create resources; the process stopped, the data directory wiped, the backup restored,
/// the process started again. Every login (the MFA one with a TOTP code), every resource and policy, and every audit
/// event from before the backup are back; the writes of the burst are each back whole or not at all.
/// </summary>
public sealed class RestoreDrillTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 10;
    private const int WritesPerWriter = 8;
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));

    private string DataDirectory => Path.Combine(_root, "data");

    [Fact]
    public async Task A_backup_taken_under_write_load_restores_every_login_resource_policy_and_audit_event()
    {
        Directory.CreateDirectory(_root);
        var settings = new Dictionary<string, string>
        {
            ["DataDirectory"] = DataDirectory,
            ["Bootstrap:AdminPassword"] = OrchestratorApiFactory.AdminPassword,
            ["RateLimiting:PermitsPerMinute"] = "1000000",
            ["Lockout:AttemptsPerUsernamePerMinute"] = "100000",
            ["Quotas:S3Buckets"] = "1000",
            ["Provisioning:Enabled"] = "false",
        };
        var backupFile = Path.Combine(_root, "drill.orchbak");
        var passphraseFile = WritePassphrase(_root, "drill passphrase, kept apart from the backup");
        var tally = new TrafficTally("restore drill: writes during the backup");

        UserAccount plain;
        MfaEnrolment enrolled;
        string adminToken;
        Dictionary<string, JsonNode> resources;
        Dictionary<string, string> policies;
        HashSet<string> auditBefore;
        var burst = new ConcurrentDictionary<string, string>();
        ApiCommand.Result backup;
        using (var api = await ApiProcess.StartAsync(settings, StartupTimeout))
        {
            using var admin = await SignedInAsync(api, "admin", OrchestratorApiFactory.AdminPassword);
            adminToken = admin.DefaultRequestHeaders.Authorization!.Parameter!;
            plain = await UserAccount.CreateWithAsync(admin);
            var mfaUser = await UserAccount.CreateWithAsync(admin);
            using (var mfaClient = await SignedInAsync(api, mfaUser.Username, mfaUser.Password))
            {
                enrolled = await MfaEnrolment.EnrolAsync(mfaClient, mfaUser);
            }

            using var owner = await SignedInAsync(api, plain.Username, plain.Password);
            var ids = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                using var created = await owner.CreateResourceAsync(new { name = $"drill{i:D2}", type = "s3", region = "eu-west-2", tags = new Dictionary<string, string> { ["env"] = "drill", ["n"] = $"{i}" } }, $"drill-{i}");
                created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
                ids.Add((await created.ReadJsonAsync())["id"]!.GetValue<string>());
            }

            foreach (var id in ids.Take(3))
            {
                var policy = JsonSerializer.Serialize(new
                {
                    statements = new object[]
                    {
                        new { effect = "Allow", principals = new[] { $"user:{enrolled.User.Id}", "role:viewer" }, actions = new[] { "read" } },
                        new { effect = "Deny", principals = new[] { "*" }, actions = new[] { "delete" } },
                    },
                });
                using var put = await owner.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{id}/policy", policy);
                put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
            }

            resources = [];
            policies = [];
            foreach (var id in ids)
            {
                resources[id] = await admin.GetFromJsonAsync<JsonNode>($"/api/v1/resources/{id}") ?? throw new InvalidOperationException();
                policies[id] = (await admin.GetFromJsonAsync<JsonNode>($"/api/v1/resources/{id}/policy"))!.ToJsonString();
            }

            auditBefore = await AuditIdsAsync(admin);

            // Ten writers create resources while the backup runs; it starts once the burst is under way.
            using var burstStarted = new SemaphoreSlim(0);
            var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; i < WritesPerWriter; i++)
                {
                    var key = $"burst-{writer}-{i}";
                    using var created = await owner.CreateResourceAsync(new { name = $"burst{writer:D2}x{i}", type = "s3", region = "eu-west-2" }, key);
                    tally.Record(created.StatusCode);
                    if (created.StatusCode == HttpStatusCode.Accepted)
                    {
                        burst[key] = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
                    }
                    else
                    {
                        tally.Fail($"{key}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
                    }

                    if (i == 1)
                    {
                        burstStarted.Release();
                    }
                }
            })).ToList();
            await burstStarted.WaitAsync();
            backup = await ApiCommand.RunAsync(settings, "backup", "--output", backupFile, "--passphrase-file", passphraseFile);
            await Task.WhenAll(writers);

            // The running process holds the data directory: a restore now is refused.
            var tooEarly = await ApiCommand.RunAsync(settings, "restore", "--input", backupFile, "--passphrase-file", passphraseFile);
            tooEarly.ExitCode.ShouldBe(3, tooEarly.ToString());
        }

        backup.ExitCode.ShouldBe(0, backup.ToString());
        backup.Output.ShouldContain("Keys: included");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(backupFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Directory.Delete(DataDirectory, recursive: true);
        var restore = await ApiCommand.RunAsync(settings, "restore", "--input", backupFile, "--passphrase-file", passphraseFile);
        restore.ExitCode.ShouldBe(0, restore.ToString());
        restore.Output.ShouldContain("Keys: restored");

        using (var api = await ApiProcess.StartAsync(settings, StartupTimeout))
        {
            // The signing keys came back: a token issued before the backup is still good.
            using (var old = new HttpClient { BaseAddress = api.BaseAddress })
            {
                old.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
                using var me = await old.GetAsync("/api/v1/me");
                me.StatusCode.ShouldBe(HttpStatusCode.OK, api.Output);
            }

            using var admin = await SignedInAsync(api, "admin", OrchestratorApiFactory.AdminPassword);
            using (await SignedInAsync(api, plain.Username, plain.Password))
            {
            }

            // The TOTP secret is encrypted with the data key ring: this login needs both back.
            using (var anonymous = new HttpClient { BaseAddress = api.BaseAddress })
            {
                var (status, body) = await PasswordGrantAsync(anonymous, enrolled.User.Username, enrolled.User.Password, otp: null);
                body["error"]!.GetValue<string>().ShouldBe("mfa_required", body.ToJsonString());
                var codeTime = DateTime.UtcNow > enrolled.ConfirmedAt + MfaEnrolment.Step ? DateTime.UtcNow : enrolled.ConfirmedAt + MfaEnrolment.Step;
                (status, body) = await PasswordGrantAsync(anonymous, enrolled.User.Username, enrolled.User.Password, enrolled.Totp.ComputeTotp(codeTime));
                status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
                body["access_token"].ShouldNotBeNull();
            }

            foreach (var (id, before) in resources)
            {
                var after = await admin.GetFromJsonAsync<JsonNode>($"/api/v1/resources/{id}");
                JsonNode.DeepEquals(after, before).ShouldBeTrue($"{id}: {after?.ToJsonString()} was {before.ToJsonString()}");
                (await admin.GetFromJsonAsync<JsonNode>($"/api/v1/resources/{id}/policy"))!.ToJsonString().ShouldBe(policies[id]);
            }

            var auditAfter = await AuditIdsAsync(admin);
            auditBefore.Except(auditAfter).ShouldBeEmpty("every audit event from before the backup is back");

            // The burst: each creation is back whole (resource and its audit event) or not at all.
            var created = await admin.GetFromJsonAsync<JsonNode>("/api/v1/audit?action=resource.created&pageSize=200");
            var createdIds = created!["items"]!.AsArray().Select(e => e!["resourceId"]?.GetValue<string>()).ToHashSet();
            var restoredBurst = 0;
            foreach (var (key, id) in burst)
            {
                using var response = await admin.GetAsync($"/api/v1/resources/{id}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    restoredBurst++;
                    createdIds.ShouldContain(id, $"{key}: the resource is back without its audit event");
                }
                else
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
                    createdIds.ShouldNotContain(id, $"{key}: the audit event is back without its resource");
                }
            }

            // The restored audit trail is one unbroken hash chain.
            var verified = (await admin.GetFromJsonAsync<JsonNode>("/api/v1/audit/verify"))!;
            verified["valid"]!.GetValue<bool>().ShouldBeTrue(verified.ToJsonString());
            verified["checked"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(auditBefore.Count);

            tally.Report(output, $"{burst.Count} created during the burst, {restoredBurst} of them in the backup; {resources.Count} resources with their policies (3 with statements), {auditBefore.Count} audit events from before it all restored; 3 logins (1 with TOTP) work after the restore");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    internal static string WritePassphrase(string folder, string passphrase)
    {
        var path = Path.Combine(folder, $"passphrase-{Guid.NewGuid():N}");
        File.WriteAllText(path, passphrase + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private static async Task<HttpClient> SignedInAsync(ApiProcess api, string username, string password)
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress };
        var (status, body) = await PasswordGrantAsync(client, username, password, otp: null);
        status.ShouldBe(HttpStatusCode.OK, $"{username}: {body.ToJsonString()}\n{api.Output}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["access_token"]!.GetValue<string>());
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PasswordGrantAsync(HttpClient client, string username, string password, string? otp)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = username, ["password"] = password };
        if (otp is not null)
        {
            fields["otp"] = otp;
        }

        using var response = await client.PostAsync("/token", new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    private static async Task<HashSet<string>> AuditIdsAsync(HttpClient admin)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var items = (await admin.GetFromJsonAsync<JsonNode>($"/api/v1/audit?page={page}&pageSize=200"))!["items"]!.AsArray();
            foreach (var item in items)
            {
                ids.Add(item!["id"]!.GetValue<string>());
            }

            if (items.Count < 200)
            {
                return ids;
            }
        }
    }
}
