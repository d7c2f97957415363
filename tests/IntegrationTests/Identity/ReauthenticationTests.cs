using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>
/// A stolen access token is no password oracle: a wrong currentPassword or code on /me counts toward the account's
/// lockout like a failed login, is audited, and a locked account answers these endpoints with the same 400.
/// </summary>
public sealed class ReauthenticationTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Wrong_current_passwords_on_me_lock_the_account_and_then_the_right_one_gets_the_same_answer()
    {
        var user = await UserAccount.CreateAsync(factory);
        using var thief = factory.CreateBearerClient((await factory.LoginAsync(user.Username, user.Password)).Access());

        var wrong = new List<JsonNode>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add(await ChangePasswordProblemAsync(thief, $"guess number {i} of the thief"));
        }

        wrong[0]["errors"]!["currentPassword"].ShouldNotBeNull();
        var locked = await ChangePasswordProblemAsync(thief, user.Password);
        locked["errors"]!.ToJsonString().ShouldBe(wrong[0]["errors"]!.ToJsonString(), "locked answers like wrong: no oracle");
        locked["detail"]!.GetValue<string>().ShouldBe(wrong[0]["detail"]!.GetValue<string>());

        // The same lockout as the login's.
        (await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password))).Status
            .ShouldBe(HttpStatusCode.BadRequest);

        using var admin = await factory.CreateAdminClientAsync();
        using var audit = await admin.GetAsync($"/api/v1/audit?action=reauth.failure&userId={user.Id}&pageSize=200");
        var failures = (await audit.ReadJsonAsync())["items"]!.AsArray();
        failures.Count.ShouldBe(6);
        failures.Count(e => e!["details"]!.GetValue<string>().Contains("wrong password")).ShouldBe(5);
        failures.Count(e => e!["details"]!.GetValue<string>().Contains("account locked")).ShouldBe(1);
    }

    [Fact]
    public async Task Starting_mfa_enrolment_needs_the_current_password()
    {
        var user = await UserAccount.CreateAsync(factory);
        using var client = factory.CreateBearerClient((await factory.LoginAsync(user.Username, user.Password)).Access());

        using (var missing = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/mfa/totp", "{}"))
        {
            (await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["currentPassword"].ShouldNotBeNull();
        }

        using (var wrong = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/mfa/totp", """{"currentPassword":"not the password of this user"}"""))
        {
            (await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["currentPassword"].ShouldNotBeNull();
        }

        using (var right = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/mfa/totp", JsonSerializer.Serialize(new { currentPassword = user.Password })))
        {
            right.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Turning_mfa_off_needs_the_password_and_a_code_and_wrong_codes_lock_the_account()
    {
        var mfa = await MfaEnrolment.CreateAsync(factory);
        var tokens = await factory.LoginAsync(mfa.User.Username, mfa.User.Password, mfa.NextCode);
        using var thief = factory.CreateBearerClient(tokens.Access());

        using (var noPassword = await thief.SendJsonAsync(HttpMethod.Delete, "/api/v1/me/mfa/totp", $$"""{"code":"{{mfa.NextCode}}"}"""))
        {
            (await noPassword.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["currentPassword"].ShouldNotBeNull();
        }

        // A thief who knows the password guesses codes: 5 wrong ones lock the account, and then even a good code is refused.
        var codes = new[] { "000000", "111111", "222222", "333333", "444444" }.Where(c => c != mfa.NextCode).Take(4).ToList();
        codes.Add("ABCD-EFGH-JKMN-PQRS");
        foreach (var code in codes)
        {
            using var guess = await thief.SendJsonAsync(
                HttpMethod.Delete, "/api/v1/me/mfa/totp", JsonSerializer.Serialize(new { currentPassword = mfa.User.Password, code }));
            (await guess.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["code"].ShouldNotBeNull();
        }

        using (var locked = await thief.SendJsonAsync(
            HttpMethod.Delete, "/api/v1/me/mfa/totp", JsonSerializer.Serialize(new { currentPassword = mfa.User.Password, code = mfa.RecoveryCodes[0] })))
        {
            (await locked.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["currentPassword"].ShouldNotBeNull();
        }

        using var me = await thief.GetAsync("/api/v1/me");
        (await me.ReadJsonAsync())["mfaEnabled"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_recovery_code_turns_mfa_off_once_even_in_parallel()
    {
        var mfa = await MfaEnrolment.CreateAsync(factory);
        var tokens = await factory.LoginAsync(mfa.User.Username, mfa.User.Password, mfa.NextCode);
        var body = JsonSerializer.Serialize(new { currentPassword = mfa.User.Password, code = mfa.RecoveryCodes[3] });
        var statuses = await AtOnce.RunAsync(12, async _ =>
        {
            using var client = factory.CreateBearerClient(tokens.Access());
            using var response = await client.SendJsonAsync(HttpMethod.Delete, "/api/v1/me/mfa/totp", body);
            return response.StatusCode;
        });

        statuses.Count(s => s == HttpStatusCode.NoContent).ShouldBe(1, string.Join(", ", statuses));
        // Turning MFA off ends every session, so requests that arrive after the winner's commit are 401.
        statuses.ShouldAllBe(s => s == HttpStatusCode.NoContent || s == HttpStatusCode.BadRequest || s == HttpStatusCode.Conflict || s == HttpStatusCode.Unauthorized);
    }

    private static async Task<JsonNode> ChangePasswordProblemAsync(HttpClient client, string currentPassword)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/password",
            JsonSerializer.Serialize(new { currentPassword, newPassword = "a brand new passphrase nobody guessed" }));
        return await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
