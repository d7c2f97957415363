using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>A per-username throttle lower than the parallel guesses, and a lockout out of the way.</summary>
public sealed class ThrottleRaceApiFactory : OrchestratorApiFactory
{
    public ThrottleRaceApiFactory() => With("Lockout:AttemptsPerUsernamePerMinute", ParallelLoginThrottleTests<ThrottleRaceApiFactory>.Admitted.ToString())
        .With("Lockout:MaxFailedAttempts", "1000");
}

/// <summary>The same with the throttle's sliding log in Redis.</summary>
public sealed class RedisThrottleRaceApiFactory : OrchestratorApiFactory
{
    public RedisThrottleRaceApiFactory() => this.WithTestRedis()
        .With("Lockout:AttemptsPerUsernamePerMinute", ParallelLoginThrottleTests<RedisThrottleRaceApiFactory>.Admitted.ToString())
        .With("Lockout:MaxFailedAttempts", "1000");
}

/// <summary>Of guesses sent at once, the per-username throttle lets exactly its limit reach a password check, at /token and on /me alike.</summary>
public abstract class ParallelLoginThrottleTests<TFactory>(TFactory factory)
    where TFactory : OrchestratorApiFactory
{
    public const int Admitted = 4;

    private const int Guesses = 12;

    [Fact]
    public async Task Parallel_guesses_beyond_the_throttle_are_never_checked()
    {
        for (var round = 0; round < 3; round++)
        {
            var user = await UserAccount.CreateAsync(factory);
            var token = (await factory.LoginAsync(user.Username, user.Password)).Access();
            var answers = await AtOnce.RunAsync(Guesses, async i =>
            {
                if (i % 2 == 0)
                {
                    return (await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", $"wrong {round} {i}"))).Status;
                }

                using var client = factory.CreateBearerClient(token);
                using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/password", System.Text.Json.JsonSerializer.Serialize(
                    new { currentPassword = $"wrong {round} {i}", newPassword = "a brand new passphrase nobody guessed" }));
                return response.StatusCode;
            });
            answers.ShouldAllBe(s => s == HttpStatusCode.BadRequest);

            using var admin = await factory.CreateAdminClientAsync();
            var checkedGuesses = 0;
            foreach (var action in new[] { "login.failure", "reauth.failure" })
            {
                using var audit = await admin.GetAsync($"/api/v1/audit?action={action}&pageSize=200");
                checkedGuesses += (await audit.ReadJsonAsync())["items"]!.AsArray()
                    .Count(e => e!["details"]!.GetValue<string>().Contains($"user={user.Id} wrong"));
            }

            checkedGuesses.ShouldBe(Admitted, $"round {round}");
        }
    }
}

public sealed class InMemoryParallelLoginThrottleTests(ThrottleRaceApiFactory factory)
    : ParallelLoginThrottleTests<ThrottleRaceApiFactory>(factory), IClassFixture<ThrottleRaceApiFactory>;

public sealed class RedisParallelLoginThrottleTests(RedisThrottleRaceApiFactory factory)
    : ParallelLoginThrottleTests<RedisThrottleRaceApiFactory>(factory), IClassFixture<RedisThrottleRaceApiFactory>;
