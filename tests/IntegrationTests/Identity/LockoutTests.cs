using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

public sealed class ThrottledLoginApiFactory : OrchestratorApiFactory
{
    public ThrottledLoginApiFactory() => With("Lockout:AttemptsPerUsernamePerMinute", "3");
}

/// <summary>Lockout after repeated failures, and per-username throttling, both answering the same generic error.</summary>
public sealed class LockoutTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        var user = await UserAccount.CreateAsync(factory);
        for (var i = 0; i < 5; i++)
        {
            var (status, body) = await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", $"wrong guess number {i}"));
            status.ShouldBe(HttpStatusCode.BadRequest);
            body["error"]!.GetValue<string>().ShouldBe("invalid_grant");
        }

        var (lockedStatus, lockedBody) = await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password));
        lockedStatus.ShouldBe(HttpStatusCode.BadRequest);
        lockedBody["error"]!.GetValue<string>().ShouldBe("invalid_grant");
        var (_, unknownBody) = await factory.PostTokenAsync(("grant_type", "password"), ("username", "nobody-at-all"), ("password", user.Password));
        lockedBody.ToJsonString().ShouldBe(unknownBody.ToJsonString(), "a locked account answers like an unknown one");

        using var admin = await factory.CreateAdminClientAsync();
        using var audit = await admin.GetAsync("/api/v1/audit?action=account.locked&pageSize=200");
        (await audit.ReadJsonAsync())["items"]!.AsArray()
            .ShouldContain(e => e!["details"]!.GetValue<string>().Contains(user.Id.ToString()));
    }
}

/// <summary>Per-username throttling counts every attempt for a username, known or not, before any password is checked.</summary>
public sealed class LoginThrottleTests(ThrottledLoginApiFactory factory) : IClassFixture<ThrottledLoginApiFactory>
{
    [Fact]
    public async Task Attempts_beyond_the_per_username_limit_are_refused_even_with_the_right_password()
    {
        var user = await UserAccount.CreateAsync(factory);

        // Successful logins are forgiven: only failures use the budget.
        for (var i = 0; i < 5; i++)
        {
            await factory.LoginAsync(user.Username, user.Password);
        }

        for (var i = 0; i < 3; i++)
        {
            (await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", $"wrong guess {i}"))).Status
                .ShouldBe(HttpStatusCode.BadRequest);
        }

        var (status, body) = await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password));
        status.ShouldBe(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().ShouldBe("invalid_grant");

        // Other usernames have budgets of their own.
        var other = await UserAccount.CreateAsync(factory);
        JsonNode tokens = await factory.LoginAsync(other.Username, other.Password);
        tokens.Access().ShouldNotBeNullOrEmpty();
    }
}
