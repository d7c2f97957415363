using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.WebApi.Security;

namespace Orchestrator.IntegrationTests.Authorization;

/// <summary>
/// <c>Security:RequireMfaForAdmins</c> on, as in production: an admin is confined to <c>/api/v1/me</c> until a
/// session proved a second factor, whatever token they hold; other roles are never affected (decision 0022).
/// </summary>
public sealed class AdminMfaTests : IDisposable
{
    private const string EnrolmentRequired = "mfa-enrolment-required";

    private readonly OrchestratorApiFactory _factory = new OrchestratorApiFactory().With("Security:RequireMfaForAdmins", "true");

    [Fact]
    public void The_rule_is_on_unless_configured_off()
    {
        new AdminMfaOptions().RequireMfaForAdmins.ShouldBeTrue();
        _factory.Services.GetRequiredService<IOptions<AdminMfaOptions>>().Value.RequireMfaForAdmins.ShouldBeTrue();
    }

    [Fact]
    public async Task Bootstrap_admin_signs_in_is_told_how_to_enrol_enrols_and_then_administers()
    {
        var password = await _factory.LoginAsync("admin", OrchestratorApiFactory.AdminPassword);
        TotpEnrolmentSteps.Claims(password.Access())["amr"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["pwd"]);
        using var beforeMfa = _factory.CreateBearerClient(password.Access());

        using (var users = await beforeMfa.GetAsync("/api/v1/users"))
        {
            var problem = await users.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            problem["type"]!.GetValue<string>().ShouldEndWith(EnrolmentRequired);
            var detail = problem["detail"]!.GetValue<string>();
            detail.IndexOf("POST /api/v1/me/mfa/totp ", StringComparison.Ordinal)
                .ShouldBeLessThan(detail.IndexOf("POST /api/v1/me/mfa/totp/confirm", StringComparison.Ordinal), detail);
            detail.ShouldContain("currentPassword");
            detail.ShouldContain("otp=");
        }

        // Everything outside /me, not only what needs the admin permission.
        await ShouldNeedEnrolmentAsync(beforeMfa, HttpMethod.Get, "/api/v1/regions");
        await ShouldNeedEnrolmentAsync(beforeMfa, HttpMethod.Get, "/api/v1/resources");
        await ShouldNeedEnrolmentAsync(beforeMfa, HttpMethod.Post, "/api/v1/users", new { username = "someone", password = "a long enough passphrase here", role = "viewer" });
        using (var me = await beforeMfa.GetAsync("/api/v1/me"))
        {
            me.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await me.ReadJsonAsync())["mfaEnabled"]!.GetValue<bool>().ShouldBeFalse();
        }

        var totp = await TotpEnrolmentSteps.EnrolAsync(beforeMfa, OrchestratorApiFactory.AdminPassword);

        // Enrolment does not upgrade the session that did it, nor its refreshes.
        await ShouldNeedEnrolmentAsync(beforeMfa, HttpMethod.Get, "/api/v1/users");
        var (refreshStatus, refreshed) = await _factory.RefreshAsync(password.Refresh());
        refreshStatus.ShouldBe(HttpStatusCode.OK, refreshed.ToJsonString());
        TotpEnrolmentSteps.Claims(refreshed.Access())["amr"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["pwd"]);
        using (var refreshedClient = _factory.CreateBearerClient(refreshed.Access()))
        {
            await ShouldNeedEnrolmentAsync(refreshedClient, HttpMethod.Get, "/api/v1/users");
        }

        var withOtp = await _factory.LoginAsync("admin", OrchestratorApiFactory.AdminPassword, totp.CurrentCode);
        TotpEnrolmentSteps.Claims(withOtp.Access())["amr"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["pwd", "mfa"]);
        using var admin = _factory.CreateBearerClient(withOtp.Access());
        using (var users = await admin.GetAsync("/api/v1/users"))
        {
            users.StatusCode.ShouldBe(HttpStatusCode.OK, await users.Content.ReadAsStringAsync());
        }

        // The multi-factor session stays one when refreshed.
        var (again, next) = await _factory.RefreshAsync(withOtp.Refresh());
        again.ShouldBe(HttpStatusCode.OK);
        using var refreshedAdmin = _factory.CreateBearerClient(next.Access());
        using (var users = await refreshedAdmin.GetAsync("/api/v1/users"))
        {
            users.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Operators_and_viewers_without_mfa_are_never_affected()
    {
        using var admin = await EnrolledAdminAsync();
        foreach (var role in new[] { "operator", "viewer" })
        {
            var user = await CreateUserAsync(admin, role);
            var tokens = await _factory.LoginAsync(user.Username, user.Password);
            using var client = _factory.CreateBearerClient(tokens.Access());

            using (var resources = await client.GetAsync("/api/v1/resources"))
            {
                resources.StatusCode.ShouldBe(HttpStatusCode.OK, role);
            }

            using (var regions = await client.GetAsync("/api/v1/regions"))
            {
                regions.StatusCode.ShouldBe(HttpStatusCode.OK, role);
            }

            // Refused for the role, as before, not for MFA.
            using var users = await client.GetAsync("/api/v1/users");
            (await users.ShouldBeProblemAsync(HttpStatusCode.Forbidden))["type"]!.GetValue<string>().ShouldNotEndWith(EnrolmentRequired);
        }
    }

    [Fact]
    public async Task An_admin_who_turns_mfa_off_loses_the_multi_factor_session_and_is_confined_again()
    {
        var password = await _factory.LoginAsync("admin", OrchestratorApiFactory.AdminPassword);
        using var beforeMfa = _factory.CreateBearerClient(password.Access());
        var totp = await TotpEnrolmentSteps.EnrolAsync(beforeMfa, OrchestratorApiFactory.AdminPassword);
        var withOtp = await _factory.LoginAsync("admin", OrchestratorApiFactory.AdminPassword, totp.CurrentCode);
        using var admin = _factory.CreateBearerClient(withOtp.Access());
        (await StatusAsync(admin, "/api/v1/users")).ShouldBe(HttpStatusCode.OK);

        using (var off = await TotpEnrolmentSteps.DisableAsync(admin, OrchestratorApiFactory.AdminPassword, totp.NextCode))
        {
            off.StatusCode.ShouldBe(HttpStatusCode.NoContent, await off.Content.ReadAsStringAsync());
        }

        // The token and the refresh token that proved the factor end with it.
        (await StatusAsync(admin, "/api/v1/users")).ShouldBe(HttpStatusCode.Unauthorized);
        var (refreshStatus, refreshed) = await _factory.RefreshAsync(withOtp.Refresh());
        refreshStatus.ShouldBe(HttpStatusCode.BadRequest);
        refreshed["error"]!.GetValue<string>().ShouldBe("invalid_grant");

        var afterwards = await _factory.LoginAsync("admin", OrchestratorApiFactory.AdminPassword);
        using var confined = _factory.CreateBearerClient(afterwards.Access());
        await ShouldNeedEnrolmentAsync(confined, HttpMethod.Get, "/api/v1/users");
    }

    [Fact]
    public async Task A_refresh_token_of_a_password_only_session_never_yields_admin_permissions_even_in_parallel()
    {
        var password = await _factory.LoginAsync("admin", OrchestratorApiFactory.AdminPassword);
        using var beforeMfa = _factory.CreateBearerClient(password.Access());
        await TotpEnrolmentSteps.EnrolAsync(beforeMfa, OrchestratorApiFactory.AdminPassword);

        // A stolen refresh token of the pre-enrolment session, replayed ten times at once: one rotation wins, and it is still password-only.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _factory.RefreshAsync(password.Refresh())));
        var issued = attempts.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Body.Access()).ToList();
        issued.Count.ShouldBeLessThanOrEqualTo(1);
        foreach (var token in issued)
        {
            TotpEnrolmentSteps.Claims(token)["amr"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldNotContain("mfa");
            using var client = _factory.CreateBearerClient(token);
            (await StatusAsync(client, "/api/v1/users")).ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task The_document_states_the_new_403_everywhere_but_me()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        var paths = (await response.ReadJsonAsync())["paths"]!;

        paths["/api/v1/users"]!["get"]!["responses"]!["403"]!["description"]!.GetValue<string>().ShouldContain(EnrolmentRequired);
        paths["/api/v1/regions"]!["get"]!["responses"]!["403"]!["description"]!.GetValue<string>().ShouldContain(EnrolmentRequired);
        foreach (var (path, operations) in paths.AsObject().Where(p => p.Key.StartsWith("/api/v1/me", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var denied = operation!["responses"]!["403"]?["description"]?.GetValue<string>() ?? string.Empty;
                denied.Contains(EnrolmentRequired, StringComparison.Ordinal).ShouldBeFalse($"{method} {path}");
            }
        }
    }

    [Fact]
    public async Task Swagger_ui_offers_a_pasted_bearer_token_beside_the_password_flow()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        var document = await response.ReadJsonAsync();

        var bearer = document["components"]!["securitySchemes"]!["bearer"]!;
        bearer["type"]!.GetValue<string>().ShouldBe("http");
        bearer["scheme"]!.GetValue<string>().ShouldBe("bearer");
        var security = document["paths"]!["/api/v1/users"]!["get"]!["security"]!.AsArray();
        security.Select(s => s!.AsObject().Single().Key).ShouldBe(["oauth2", "bearer"], ignoreOrder: true);
    }

    public void Dispose() => _factory.Dispose();

    private static async Task ShouldNeedEnrolmentAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        problem["type"]!.GetValue<string>().EndsWith(EnrolmentRequired, StringComparison.Ordinal).ShouldBeTrue($"{method} {path}");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    private static async Task<UserAccount> CreateUserAsync(HttpClient admin, string role)
    {
        var username = $"u{Guid.NewGuid():N}"[..16];
        var password = $"long unique passphrase {Guid.NewGuid():N}";
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new { username, password, role });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return new UserAccount(Guid.Parse((await response.ReadJsonAsync())["id"]!.GetValue<string>()), username, password);
    }

    private async Task<HttpClient> EnrolledAdminAsync()
    {
        var password = await _factory.LoginAsync("admin", OrchestratorApiFactory.AdminPassword);
        using var beforeMfa = _factory.CreateBearerClient(password.Access());
        var totp = await TotpEnrolmentSteps.EnrolAsync(beforeMfa, OrchestratorApiFactory.AdminPassword);
        var withOtp = await _factory.LoginAsync("admin", OrchestratorApiFactory.AdminPassword, totp.CurrentCode);
        return _factory.CreateBearerClient(withOtp.Access());
    }
}
