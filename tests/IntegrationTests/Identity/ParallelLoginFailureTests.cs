using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>A lockout threshold as high as the number of parallel guesses, so that one lost count leaves the account open.</summary>
public sealed class LockoutRaceApiFactory : OrchestratorApiFactory
{
    public LockoutRaceApiFactory() => With("Lockout:MaxFailedAttempts", ParallelLoginFailureTests<LockoutRaceApiFactory>.Guesses.ToString());
}

/// <summary>The same with the limits (the per-username login throttle among them) in Redis.</summary>
public sealed class RedisLockoutRaceApiFactory : OrchestratorApiFactory
{
    public RedisLockoutRaceApiFactory()
    {
        this.WithTestRedis();
        With("Lockout:MaxFailedAttempts", ParallelLoginFailureTests<RedisLockoutRaceApiFactory>.Guesses.ToString());
    }
}

/// <summary>Wrong passwords sent at once are each counted, so the lockout comes after the configured number even in parallel.</summary>
public abstract class ParallelLoginFailureTests<TFactory>(TFactory factory)
    where TFactory : OrchestratorApiFactory
{
    public const int Guesses = 12;

    [Fact]
    public async Task Parallel_wrong_passwords_each_count_and_lock_the_account()
    {
        for (var round = 0; round < 3; round++)
        {
            var user = await UserAccount.CreateAsync(factory);
            var answers = await AtOnce.RunAsync(Guesses, i => factory.PostTokenAsync(
                ("grant_type", "password"), ("username", user.Username), ("password", $"wrong guess {round} {i}")));
            answers.ShouldAllBe(
                a => a.Status == HttpStatusCode.BadRequest && a.Body["error"]!.GetValue<string>() == "invalid_grant",
                string.Join(", ", answers.Select(a => $"{(int)a.Status} {a.Body["error"] ?? a.Body["detail"]}")));

            var (status, body) = await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password));
            status.ShouldBe(HttpStatusCode.BadRequest, $"round {round}: {Guesses} parallel failures must lock the account");
            body["error"]!.GetValue<string>().ShouldBe("invalid_grant");
        }
    }

    [Fact]
    public async Task Parallel_wrong_current_passwords_from_a_stolen_token_each_count_and_lock_the_account()
    {
        for (var round = 0; round < 3; round++)
        {
            var user = await UserAccount.CreateAsync(factory);
            var token = (await factory.LoginAsync(user.Username, user.Password)).Access();
            var statuses = await AtOnce.RunAsync(Guesses, async i =>
            {
                using var client = factory.CreateBearerClient(token);
                using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/password", System.Text.Json.JsonSerializer.Serialize(
                    new { currentPassword = $"wrong guess {round} {i}", newPassword = "a brand new passphrase nobody guessed" }));
                return response.StatusCode;
            });
            statuses.ShouldAllBe(s => s == HttpStatusCode.BadRequest, string.Join(", ", statuses));

            var (status, _) = await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password));
            status.ShouldBe(HttpStatusCode.BadRequest, $"round {round}: {Guesses} parallel wrong passwords must lock the account");
        }
    }
}

public sealed class SqliteParallelLoginFailureTests(LockoutRaceApiFactory factory)
    : ParallelLoginFailureTests<LockoutRaceApiFactory>(factory), IClassFixture<LockoutRaceApiFactory>;

public sealed class RedisParallelLoginFailureTests(RedisLockoutRaceApiFactory factory)
    : ParallelLoginFailureTests<RedisLockoutRaceApiFactory>(factory), IClassFixture<RedisLockoutRaceApiFactory>;
