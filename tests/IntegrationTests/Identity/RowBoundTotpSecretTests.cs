using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>
/// A TOTP secret's ciphertext is bound to its user's row: copied into another user's row it opens for neither,
/// and the login fails like a wrong code; secrets stored in the format bound to the column alone still work, and
/// the user's next write stores them bound to the row (docs/decisions/0023-password-strength-hashing-and-data-at-rest.md).
/// </summary>
public sealed class RowBoundTotpSecretTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    private const string Binding = "User.TotpSecret";

    [Fact]
    public async Task Secrets_swapped_between_two_users_rows_open_for_neither_and_logins_fail_like_a_wrong_code()
    {
        var (first, firstClient) = await EnrolKeepingSessionAsync();
        var (second, secondClient) = await EnrolKeepingSessionAsync();
        var bystander = await MfaEnrolment.CreateAsync(factory);
        using (firstClient)
        using (secondClient)
        {
            var firstStored = await StoredSecretAsync(first.User.Username);
            var secondStored = await StoredSecretAsync(second.User.Username);
            await StoreSecretAsync(first.User.Username, secondStored);
            await StoreSecretAsync(second.User.Username, firstStored);

            // The swapped secret would let each log in with the other's authenticator; neither's own works any more.
            await LoginShouldFailLikeAWrongCodeAsync(first.User, second.NextCode);
            await LoginShouldFailLikeAWrongCodeAsync(second.User, first.NextCode);
            await LoginShouldFailLikeAWrongCodeAsync(first.User, first.NextCode);
            await LoginShouldFailLikeAWrongCodeAsync(second.User, second.NextCode);

            // The signed-in owner's MFA calls answer as for a wrong code too.
            using (var off = await firstClient.SendJsonAsync(
                HttpMethod.Delete, "/api/v1/me/mfa/totp", $$"""{"currentPassword":"{{first.User.Password}}","code":"{{second.NextCode}}"}"""))
            {
                (await off.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["code"].ShouldNotBeNull();
            }

            using (var me = await firstClient.GetAsync("/api/v1/me"))
            {
                me.StatusCode.ShouldBe(HttpStatusCode.OK);
                (await me.ReadJsonAsync())["mfaEnabled"]!.GetValue<bool>().ShouldBeTrue("MFA stays on: the factor is unusable, not removed");
            }

            var (status, _) = await LoginAsync(bystander.User, bystander.NextCode);
            status.ShouldBe(HttpStatusCode.OK, "a user whose row was not touched is unaffected");

            var unreadable = factory.Logs.Entries
                .Where(e => e.Level == LogLevel.Warning && e.Message.Contains("field-encryption.unreadable", StringComparison.Ordinal))
                .Select(e => e.Message)
                .ToList();
            unreadable.ShouldContain(m => m.Contains(Binding, StringComparison.Ordinal) && m.Contains(first.User.Id.ToString("D"), StringComparison.OrdinalIgnoreCase));
            unreadable.ShouldContain(m => m.Contains(second.User.Id.ToString("D"), StringComparison.OrdinalIgnoreCase));
            unreadable.ShouldNotContain(m => m.Contains(bystander.User.Id.ToString("D"), StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_secret_in_the_column_bound_format_still_works_and_the_next_write_binds_it_to_the_row()
    {
        var enrolment = await MfaEnrolment.CreateAsync(factory);
        var encryptor = factory.Services.GetRequiredService<IFieldEncryptor>();
        var row = enrolment.User.Id.ToString("D");
        var stored = await StoredSecretAsync(enrolment.User.Username);
        Version(stored).ShouldBe(AesGcmEnvelope.Version, "enrolment writes the row-bound format");

        // The same secret as the previous format stored it: bound to the entity and column, not the row.
        var columnBound = encryptor.Encrypt(encryptor.Decrypt(stored, Binding, row), Binding);
        Version(columnBound).ShouldBe(AesGcmEnvelope.ColumnBoundVersion);
        await StoreSecretAsync(enrolment.User.Username, columnBound);

        var (status, _) = await LoginAsync(enrolment.User, enrolment.NextCode);
        status.ShouldBe(HttpStatusCode.OK, "the older format still opens");

        // The login wrote the user's row (the code's time step): the secret went with it, now bound to the row.
        var rewritten = await StoredSecretAsync(enrolment.User.Username);
        rewritten.ShouldNotBe(columnBound);
        Version(rewritten).ShouldBe(AesGcmEnvelope.Version);
        encryptor.Decrypt(rewritten, Binding, row).ShouldBe(encryptor.Decrypt(columnBound, Binding));
    }

    /// <summary>Enrols a new user and keeps the session it enrolled from, which stays valid with MFA on.</summary>
    private async Task<(MfaEnrolment Enrolment, HttpClient Client)> EnrolKeepingSessionAsync()
    {
        var user = await UserAccount.CreateAsync(factory);
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        var client = factory.CreateBearerClient(tokens.Access());
        return (await MfaEnrolment.EnrolAsync(client, user), client);
    }

    private async Task LoginShouldFailLikeAWrongCodeAsync(UserAccount user, string code)
    {
        var (status, body) = await LoginAsync(user, code);
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldBe("invalid_grant");
    }

    private Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode Body)> LoginAsync(UserAccount user, string code) =>
        factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password), ("otp", code));

    private static byte Version(string stored) => AesGcmEnvelope.ReadVersion(Convert.FromBase64String(stored));

    private async Task<string> StoredSecretAsync(string username)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"TotpSecret\" FROM \"Users\" WHERE \"Username\" = $username";
        command.Parameters.AddWithValue("$username", username);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Writes the column straight into the database file, as someone with write access to it could.</summary>
    private async Task StoreSecretAsync(string username, string ciphertext)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"Users\" SET \"TotpSecret\" = $secret WHERE \"Username\" = $username";
        command.Parameters.AddWithValue("$secret", ciphertext);
        command.Parameters.AddWithValue("$username", username);
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    private async Task<SqliteConnection> OpenDatabaseAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = factory.DatabaseFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
