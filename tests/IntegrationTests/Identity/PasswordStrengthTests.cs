using System.Net;
using System.Net.Http.Json;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>
/// Passwords long enough and off the common list can still be guessed quickly: the strength estimator
/// refuses sequences, keyboard walks and dictionary phrases, with the username counted as known, wherever
/// a password is set, and says why without quoting the password.
/// </summary>
public sealed class PasswordStrengthTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    public static TheoryData<string, string> GuessablePasswords => new()
    {
        { "123456789012345", "sequences" },
        { "qwertyuiopasdfgh", "common words, names or passwords put together" },
        { "abcdefghijklmnop", "sequences" },
        { "correcthorsebatterystaple", "common words, names or passwords put together" },
    };

    [Theory]
    [MemberData(nameof(GuessablePasswords))]
    public async Task Creating_a_user_with_a_guessable_password_is_refused_saying_why(string password, string why)
    {
        using var admin = await factory.CreateAdminClientAsync();
        var username = $"s{Guid.NewGuid():N}"[..12];
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new { username, password, role = "viewer" });

        var message = await PasswordErrorAsync(response, "password");
        message.ShouldContain("too easy to guess");
        message.ShouldContain(why);
        message.ShouldNotContain(password);
        (await factory.PostTokenAsync(("grant_type", "password"), ("username", username), ("password", password))).Status
            .ShouldBe(HttpStatusCode.BadRequest, "no user was created");
    }

    [Theory]
    [MemberData(nameof(GuessablePasswords))]
    public async Task Changing_to_a_guessable_password_is_refused_and_the_old_one_still_works(string password, string why)
    {
        var user = await UserAccount.CreateAsync(factory);
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        using var client = factory.CreateBearerClient(tokens.Access());

        using var response = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = password });

        var message = await PasswordErrorAsync(response, "newPassword");
        message.ShouldContain(why);
        message.ShouldNotContain(password);
        await factory.LoginAsync(user.Username, user.Password);
    }

    [Fact]
    public async Task The_username_counts_as_known_to_the_estimator_including_disguised_inside_the_password()
    {
        // The password holds the username only with digits for letters, which the plain "contains the
        // username" rule cannot see; for anyone else it is strong enough.
        const string Password = "Z4nz1b4rQu3st-Pq7x";
        using var admin = await factory.CreateAdminClientAsync();

        using var own = await admin.PostAsJsonAsync("/api/v1/users", new { username = "zanzibarquest", password = Password, role = "viewer" });
        (await PasswordErrorAsync(own, "password")).ShouldContain("built on the username");

        using var other = await admin.PostAsJsonAsync("/api/v1/users", new { username = $"o{Guid.NewGuid():N}"[..12], password = Password, role = "viewer" });
        other.StatusCode.ShouldBe(HttpStatusCode.Created, await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Changing_ones_password_gives_the_own_username_to_the_estimator()
    {
        const string Username = "quixoticzebra";
        const string Disguised = "Qu1x0t1cZ3br4-Pq7x";
        var password = $"long unique passphrase {Guid.NewGuid():N}";
        using (var admin = await factory.CreateAdminClientAsync())
        using (var created = await admin.PostAsJsonAsync("/api/v1/users", new { username = Username, password, role = "viewer" }))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        using var client = factory.CreateBearerClient((await factory.LoginAsync(Username, password)).Access());
        using var own = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = password, newPassword = Disguised });
        (await PasswordErrorAsync(own, "newPassword")).ShouldContain("built on the username");

        var other = await UserAccount.CreateAsync(factory);
        using var otherClient = factory.CreateBearerClient((await factory.LoginAsync(other.Username, other.Password)).Access());
        using var changed = await otherClient.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = other.Password, newPassword = Disguised });
        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent, await changed.Content.ReadAsStringAsync());
    }

    private static async Task<string> PasswordErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]![field]!.AsArray();
        return string.Join(" ", errors.Select(e => e!.GetValue<string>()));
    }
}
