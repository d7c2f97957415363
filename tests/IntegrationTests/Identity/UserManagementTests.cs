using System.Net;
using System.Net.Http.Json;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>Admins list, read, re-role, disable users and end their sessions; each change takes effect at once.</summary>
public sealed class UserManagementTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task A_disabled_user_cannot_log_in_and_their_live_tokens_stop_working()
    {
        var user = await UserAccount.CreateAsync(factory);
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        using var admin = await factory.CreateAdminClientAsync();

        using (var disabled = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/users/{user.Id}", """{"disabled":true}"""))
        {
            disabled.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await disabled.ReadJsonAsync())["disabled"]!.GetValue<bool>().ShouldBeTrue();
        }

        (await factory.MeStatusAsync(tokens.Access())).ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.RefreshAsync(tokens.Refresh())).Status.ShouldBe(HttpStatusCode.BadRequest);
        var (status, body) = await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password));
        status.ShouldBe(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().ShouldBe("invalid_grant");

        using (var enabled = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/users/{user.Id}", """{"disabled":false}"""))
        {
            enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await factory.LoginAsync(user.Username, user.Password);
    }

    [Fact]
    public async Task A_role_change_takes_effect_at_once_and_the_last_admin_stays_one()
    {
        var user = await UserAccount.CreateAsync(factory, "viewer");
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        using var admin = await factory.CreateAdminClientAsync();

        using (var promoted = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/users/{user.Id}", """{"role":"operator"}"""))
        {
            (await promoted.ReadJsonAsync())["role"]!.GetValue<string>().ShouldBe("operator");
        }

        (await factory.MeStatusAsync(tokens.Access())).ShouldBe(HttpStatusCode.Unauthorized, "a token must not outlive its role");
        var fresh = await factory.LoginAsync(user.Username, user.Password);
        using var operatorClient = factory.CreateBearerClient(fresh.Access());
        using (var created = await operatorClient.CreateResourceAsync(new { name = "promoted1", type = "s3", region = "us-east-1" }))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var adminId = (await (await admin.GetAsync("/api/v1/me")).ReadJsonAsync())["id"]!.GetValue<string>();
        using var demoteLastAdmin = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/users/{adminId}", """{"role":"viewer"}""");
        await demoteLastAdmin.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        using var bad = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/users/{user.Id}", """{"role":"root"}""");
        (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["role"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Revoking_a_users_sessions_ends_them_and_users_are_listed_without_secrets()
    {
        var user = await UserAccount.CreateAsync(factory);
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        using var admin = await factory.CreateAdminClientAsync();

        using (var revoked = await admin.PostAsync($"/api/v1/users/{user.Id}/sessions/revoke", null))
        {
            revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await factory.MeStatusAsync(tokens.Access())).ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.RefreshAsync(tokens.Refresh())).Status.ShouldBe(HttpStatusCode.BadRequest);
        await factory.LoginAsync(user.Username, user.Password);

        using var list = await admin.GetAsync("/api/v1/users?pageSize=200");
        var text = await list.Content.ReadAsStringAsync();
        text.ShouldContain(user.Username);
        text.ShouldNotContain("passwordHash", Case.Insensitive);
        text.ShouldNotContain("AQAAAA", Case.Sensitive, "no password hash (Identity's format prefix) in the list");
        using var one = await admin.GetAsync($"/api/v1/users/{user.Id}");
        (await one.ReadJsonAsync())["username"]!.GetValue<string>().ShouldBe(user.Username);

        var (operatorClient, _) = await factory.CreateUserClientAsync("operator");
        using var _o = operatorClient;
        using var refused = await operatorClient.GetAsync("/api/v1/users");
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("passwordpassword1", "common")]
    [InlineData("qwertyuiop1234567", "common")]
    [InlineData("aaaaaaaaaaaaaaaaaaaa", "repeats")]
    public async Task Common_or_patterned_passwords_are_refused(string password, string why)
    {
        using var admin = await factory.CreateAdminClientAsync();
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new { username = $"p{Guid.NewGuid():N}"[..12], password, role = "viewer" });
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["password"].ShouldNotBeNull(why);
    }
}
