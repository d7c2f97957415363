using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;
using OtpNet;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>
/// Runs every identity flow with known passwords, tokens and a TOTP secret, then searches all that was
/// logged and everything in the audit table for each of them: none may appear.
/// </summary>
public sealed class SecretsNeverLoggedTests
{
    [Fact]
    public async Task No_password_token_or_secret_reaches_the_logs_or_the_audit_table()
    {
        using var factory = new OrchestratorApiFactory();
        var secrets = new List<string> { OrchestratorApiFactory.AdminPassword };
        var user = await UserAccount.CreateAsync(factory);
        secrets.Add(user.Password);

        var tokens = await factory.LoginAsync(user.Username, user.Password);
        secrets.AddRange([tokens.Access(), tokens.Refresh()]);
        var (_, refreshed) = await factory.RefreshAsync(tokens.Refresh());
        secrets.AddRange([refreshed.Access(), refreshed.Refresh()]);
        (await factory.RefreshAsync(tokens.Refresh())).Status.ShouldBe(HttpStatusCode.BadRequest);

        const string WrongPassword = "a wrong password typed by someone";
        secrets.Add(WrongPassword);
        await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", WrongPassword));
        await factory.PostTokenAsync(("grant_type", "password"), ("username", "someone-unknown"), ("password", WrongPassword));

        var login = await factory.LoginAsync(user.Username, user.Password);
        secrets.AddRange([login.Access(), login.Refresh()]);
        using var client = factory.CreateBearerClient(login.Access());
        using var enrolment = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/mfa/totp", $$"""{"currentPassword":"{{user.Password}}"}""");
        var totpSecret = (await enrolment.ReadJsonAsync())["secret"]!.GetValue<string>();
        secrets.Add(totpSecret);
        using (var confirm = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/mfa/totp/confirm",
            $$"""{"code":"{{new Totp(Base32Encoding.ToBytes(totpSecret)).ComputeTotp(DateTime.UtcNow)}}"}"""))
        {
            confirm.StatusCode.ShouldBe(HttpStatusCode.OK);
            secrets.AddRange((await confirm.ReadJsonAsync())["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        }

        const string NewPassword = "the replacement passphrase for this user";
        secrets.Add(NewPassword);
        using (var change = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/password",
            $$"""{"currentPassword":"{{user.Password}}","newPassword":"{{NewPassword}}"}"""))
        {
            change.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await factory.RevokeAsync(login.Access(), "access_token")).ShouldBe(HttpStatusCode.OK);
        (await factory.RevokeAsync(refreshed.Refresh())).ShouldBe(HttpStatusCode.OK);

        var logged = string.Join('\n', factory.Logs.Entries.Select(e => e.Message));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audit = string.Join('\n', await db.AuditEvents.AsNoTracking().Select(e => e.Action + " " + e.Details).ToListAsync());
        audit.ShouldContain("login.failure");
        audit.ShouldContain("token.reuse-detected");
        audit.ShouldContain("mfa.enabled");
        audit.ShouldContain("user.password-changed");
        audit.ShouldContain("token.revoked");
        logged.ShouldNotBeEmpty();

        foreach (var secret in secrets)
        {
            logged.ShouldNotContain(secret, Case.Sensitive, "a secret reached the logs");
            audit.ShouldNotContain(secret, Case.Sensitive, "a secret reached the audit table");
        }

        // The TOTP secret is encrypted at rest, so the raw database files (and the write-ahead log) hold no copy of it either.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(factory.DataDirectory, "orchestrator.db*"))
        {
            System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(file)).ShouldNotContain(totpSecret, Case.Sensitive, file);
        }
    }
}
