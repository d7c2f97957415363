using System.Net;
using Orchestrator.IntegrationTests.Abuse;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>Refresh rotation with reuse detection (RFC 9700), revocation (RFC 7009) and ended sessions.</summary>
public sealed class SessionTests(OrchestratorApiFactory factory, ITestOutputHelper output) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Refresh_rotates_and_reusing_a_spent_token_kills_the_newest_of_its_family()
    {
        var user = await UserAccount.CreateAsync(factory);
        var first = await factory.LoginAsync(user.Username, user.Password);
        var otherLogin = await factory.LoginAsync(user.Username, user.Password);

        var (status, second) = await factory.RefreshAsync(first.Refresh());
        status.ShouldBe(HttpStatusCode.OK);
        second.Refresh().ShouldNotBe(first.Refresh());
        (await factory.MeStatusAsync(second.Access())).ShouldBe(HttpStatusCode.OK);

        var (thirdStatus, third) = await factory.RefreshAsync(second.Refresh());
        thirdStatus.ShouldBe(HttpStatusCode.OK);

        // The first token was spent: presenting it again is reuse, and the whole family dies.
        var (reuseStatus, reuse) = await factory.RefreshAsync(first.Refresh());
        reuseStatus.ShouldBe(HttpStatusCode.BadRequest);
        reuse["error"]!.GetValue<string>().ShouldBe("invalid_grant");
        (await factory.RefreshAsync(third.Refresh())).Status.ShouldBe(HttpStatusCode.BadRequest);

        // Another login of the same user is another family and lives on.
        (await factory.RefreshAsync(otherLogin.Refresh())).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_token_let_exactly_one_win_and_revoke_the_family()
    {
        var user = await UserAccount.CreateAsync(factory);

        var tally = new TrafficTally("concurrent refreshes");
        for (var round = 0; round < 3; round++)
        {
            var tokens = await factory.LoginAsync(user.Username, user.Password);
            var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => factory.RefreshAsync(tokens.Refresh())));
            foreach (var (status, body) in results)
            {
                tally.Record(status);
                if (status != HttpStatusCode.OK && (status != HttpStatusCode.BadRequest || body["error"]?.GetValue<string>() != "invalid_grant"))
                {
                    tally.Fail($"round {round}: {(int)status} {body.ToJsonString()}");
                }
            }

            var winners = results.Where(r => r.Status == HttpStatusCode.OK).ToList();
            winners.Count.ShouldBe(1, tally.Summary());

            // The losers presented a spent token: reuse, so the winner's new token dies with its family.
            (await factory.RefreshAsync(winners[0].Body.Refresh())).Status.ShouldBe(HttpStatusCode.BadRequest);
        }

        tally.Report(output, "3 rounds of 12, one winner each, family revoked");
    }

    [Fact]
    public async Task A_revoked_access_token_gets_401_on_its_next_use()
    {
        var user = await UserAccount.CreateAsync(factory);
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        (await factory.MeStatusAsync(tokens.Access())).ShouldBe(HttpStatusCode.OK);

        (await factory.RevokeAsync(tokens.Access(), "access_token")).ShouldBe(HttpStatusCode.OK);

        (await factory.MeStatusAsync(tokens.Access())).ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.RefreshAsync(tokens.Refresh())).Status.ShouldBe(HttpStatusCode.OK, "revoking an access token leaves the login's refresh token");
    }

    [Fact]
    public async Task Revoking_a_refresh_token_ends_its_family_and_unknown_tokens_get_200()
    {
        var user = await UserAccount.CreateAsync(factory);
        var tokens = await factory.LoginAsync(user.Username, user.Password);

        (await factory.RevokeAsync(tokens.Refresh())).ShouldBe(HttpStatusCode.OK);
        (await factory.RefreshAsync(tokens.Refresh())).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await factory.RevokeAsync("not-a-token-at-all")).ShouldBe(HttpStatusCode.OK);
        (await factory.RevokeAsync(tokens.Refresh(), "access_token")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_session_and_needs_the_current_one()
    {
        var user = await UserAccount.CreateAsync(factory);
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        using var client = factory.CreateBearerClient(tokens.Access());

        using (var wrong = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/password",
            """{"currentPassword":"not my password at all","newPassword":"a brand new long passphrase"}"""))
        {
            (await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["currentPassword"].ShouldNotBeNull();
        }

        using (var common = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/password",
            $$"""{"currentPassword":"{{user.Password}}","newPassword":"passwordpassword123"}"""))
        {
            (await common.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["newPassword"].ShouldNotBeNull();
        }

        const string NewPassword = "a brand new long passphrase";
        using (var changed = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/password",
            $$"""{"currentPassword":"{{user.Password}}","newPassword":"{{NewPassword}}"}"""))
        {
            changed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await factory.MeStatusAsync(tokens.Access())).ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.RefreshAsync(tokens.Refresh())).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password))).Status
            .ShouldBe(HttpStatusCode.BadRequest);
        await factory.LoginAsync(user.Username, NewPassword);
    }
}
