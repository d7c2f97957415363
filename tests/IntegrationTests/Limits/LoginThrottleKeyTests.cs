using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>
/// What the per-username login throttle counts, over HTTP: nothing for a username no account can have, and each HTTP
/// attempt once, also when a lost concurrency race makes the request run again.
/// </summary>
public sealed class LoginThrottleKeyTests
{
    [Fact]
    public async Task A_username_longer_than_the_column_is_refused_as_invalid_request_before_it_is_counted()
    {
        using var factory = new OrchestratorApiFactory();
        var store = factory.Services.GetRequiredService<InMemoryLimiterStore>();
        var before = store.KeyCountOf("login");

        foreach (var length in new[] { 65, 60_000 })
        {
            var (status, body) = await factory.PostTokenAsync(("grant_type", "password"), ("username", new string('u', length)), ("password", "any password at all"));
            status.ShouldBe(HttpStatusCode.BadRequest);
            body["error"]!.GetValue<string>().ShouldBe("invalid_request");
            body["error_description"]!.GetValue<string>().ShouldContain("64");
        }

        store.KeyCountOf("login").ShouldBe(before, "a username no account can have is never counted");

        // The longest possible username is an ordinary bad credential, and is counted.
        var (longest, longestBody) = await factory.PostTokenAsync(("grant_type", "password"), ("username", new string('u', 64)), ("password", "any password at all"));
        longest.ShouldBe(HttpStatusCode.BadRequest);
        longestBody["error"]!.GetValue<string>().ShouldBe("invalid_grant");
        store.KeyCountOf("login").ShouldBe(before + 1);
    }

    [Fact]
    public async Task The_api_description_states_the_username_bound_of_the_token_form()
    {
        using var factory = new OrchestratorApiFactory();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        var document = await response.ReadJsonAsync();

        var form = document["paths"]!["/token"]!["post"]!["requestBody"]!["content"]!["application/x-www-form-urlencoded"]!["schema"]!;
        form["properties"]!["username"]!["maxLength"]!.GetValue<int>().ShouldBe(64);
    }

    [Theory]
    [InlineData(3, HttpStatusCode.OK)]
    [InlineData(4, HttpStatusCode.BadRequest)]
    public async Task A_login_run_again_after_a_lost_race_counts_once_toward_the_per_username_limit(int wrongAttempts, HttpStatusCode rightPasswordAnswer)
    {
        using var factory = new OrchestratorApiFactory()
            .With("Lockout:AttemptsPerUsernamePerMinute", "4")
            .With("Lockout:MaxFailedAttempts", "100")
            .WithServices(services => services.ConfigureDbContext<SqliteAppDbContext>((provider, options) =>
                options.AddInterceptors(new InjectedLoginConflict(provider.GetRequiredService<IHttpContextAccessor>()))));
        var user = await UserAccount.CreateAsync(factory);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(InjectedLoginConflict.Header, "1");

        for (var i = 0; i < wrongAttempts; i++)
        {
            using var wrong = await PostPasswordAsync(client, user.Username, $"wrong guess number {i}");
            wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        // Four attempts a minute: the right password is the fourth (admitted) or the fifth (refused unchecked).
        using var right = await PostPasswordAsync(client, user.Username, user.Password);
        right.StatusCode.ShouldBe(rightPasswordAnswer, await right.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> PostPasswordAsync(HttpClient client, string username, string password) =>
        client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = username,
            ["password"] = password,
        }));
}
