using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>Admins recover accounts: reset a user's MFA (codes gone, sessions ended) and end a lockout; both audited.</summary>
public sealed class AdminAccountRecoveryTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Resetting_mfa_turns_it_off_deletes_the_recovery_codes_and_ends_every_session()
    {
        var mfa = await MfaEnrolment.CreateAsync(factory);
        var tokens = await factory.LoginAsync(mfa.User.Username, mfa.User.Password, mfa.NextCode);
        using var admin = await factory.CreateAdminClientAsync();

        using (var reset = await admin.PostAsync($"/api/v1/users/{mfa.User.Id}/mfa/reset", null))
        {
            reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await factory.MeStatusAsync(tokens.Access())).ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.RefreshAsync(tokens.Refresh())).Status.ShouldBe(HttpStatusCode.BadRequest);
        using (var scope = factory.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().RecoveryCodes.CountAsync(c => c.UserId == mfa.User.Id)).ShouldBe(0);
        }

        // The owner signs in with the password alone and enrols a new authenticator.
        var fresh = await factory.LoginAsync(mfa.User.Username, mfa.User.Password);
        using var owner = factory.CreateBearerClient(fresh.Access());
        using (var me = await owner.GetAsync("/api/v1/me"))
        {
            (await me.ReadJsonAsync())["mfaEnabled"]!.GetValue<bool>().ShouldBeFalse();
        }

        await MfaEnrolment.EnrolAsync(owner, mfa.User);

        using var audit = await admin.GetAsync("/api/v1/audit?action=user.mfa-reset&pageSize=200");
        (await audit.ReadJsonAsync())["items"]!.AsArray().ShouldContain(e => e!["details"]!.GetValue<string>().Contains(mfa.User.Id.ToString()));
    }

    [Fact]
    public async Task Unlocking_ends_a_lockout()
    {
        var user = await UserAccount.CreateAsync(factory);
        for (var i = 0; i < 5; i++)
        {
            await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", $"wrong guess {i}"));
        }

        (await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password))).Status
            .ShouldBe(HttpStatusCode.BadRequest, "locked");

        using var admin = await factory.CreateAdminClientAsync();
        using (var unlock = await admin.PostAsync($"/api/v1/users/{user.Id}/unlock", null))
        {
            unlock.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await factory.LoginAsync(user.Username, user.Password)).Access().ShouldNotBeNullOrEmpty();
        using var audit = await admin.GetAsync("/api/v1/audit?action=user.unlocked&pageSize=200");
        (await audit.ReadJsonAsync())["items"]!.AsArray().ShouldContain(e => e!["details"]!.GetValue<string>().Contains(user.Id.ToString()));
    }

    [Theory]
    [InlineData("mfa/reset")]
    [InlineData("unlock")]
    public async Task Unknown_users_are_404_and_non_admins_are_refused(string action)
    {
        using var admin = await factory.CreateAdminClientAsync();
        using (var unknown = await admin.PostAsync($"/api/v1/users/{Guid.NewGuid()}/{action}", null))
        {
            (await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound))["detail"].ShouldNotBeNull();
        }

        var (operatorClient, operatorId) = await factory.CreateUserClientAsync("operator");
        using (operatorClient)
        {
            using var refused = await operatorClient.PostAsync($"/api/v1/users/{operatorId}/{action}", null);
            await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }
}
