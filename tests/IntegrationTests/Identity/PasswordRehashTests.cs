using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Orchestrator.Domain.Users;
using Orchestrator.Infrastructure.Security;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>
/// Hashes are PBKDF2-HMAC-SHA512 at the OWASP minimum of 210,000 iterations; a hash stored with the older
/// 100,000 still verifies and is replaced by a current one at the next successful login.
/// Each login here costs one or two full hashes (a few hundred milliseconds on a busy machine).
/// </summary>
public sealed class PasswordRehashTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task A_hash_with_the_old_parameters_is_rehashed_at_the_next_successful_login_and_the_password_still_works()
    {
        var user = await UserAccount.CreateAsync(factory);
        Parameters(StoredHash(user.Id)).ShouldBe((KeyDerivationPrfName: "HMACSHA512", Iterations: 210_000), "a new user's hash");

        // The hash as the previous version stored it: Identity's defaults, 100,000 iterations.
        var oldHash = new PasswordHasher<User>().HashPassword(null!, user.Password);
        Parameters(oldHash).Iterations.ShouldBe(100_000);
        Execute("UPDATE Users SET PasswordHash = $hash WHERE Id = $id", ("$hash", oldHash), ("$id", user.Id));

        // A wrong password changes nothing.
        (await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", "not the password at all"))).Status
            .ShouldBe(System.Net.HttpStatusCode.BadRequest);
        StoredHash(user.Id).ShouldBe(oldHash);

        await factory.LoginAsync(user.Username, user.Password);
        var rehashed = StoredHash(user.Id);
        rehashed.ShouldNotBe(oldHash);
        Parameters(rehashed).ShouldBe((KeyDerivationPrfName: "HMACSHA512", Iterations: IdentityPasswordHasher.Iterations));

        // The same password against the new hash; nothing else about the account changed (no session ended).
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        (await factory.MeStatusAsync(tokens.Access())).ShouldBe(System.Net.HttpStatusCode.OK);
        StoredHash(user.Id).ShouldBe(rehashed, "a current hash is left alone");
    }

    [Fact]
    public void The_unknown_user_dummy_hash_has_the_parameters_of_a_real_one()
    {
        var hasher = new IdentityPasswordHasher();
        Parameters(hasher.DummyHash).ShouldBe(Parameters(hasher.Hash("Vq7-meadow Lx92 kPz quarry")));
        hasher.NeedsRehash(hasher.DummyHash).ShouldBeFalse();
    }

    private static (string KeyDerivationPrfName, int Iterations) Parameters(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        bytes[0].ShouldBe((byte)0x01, "Identity's version 3 format");
        var prf = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        return (prf switch { 0 => "HMACSHA1", 1 => "HMACSHA256", 2 => "HMACSHA512", _ => "unknown" }, (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
    }

    private string StoredHash(Guid userId)
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT PasswordHash FROM Users WHERE Id = $id";
        command.Parameters.AddWithValue("$id", userId.ToString().ToUpperInvariant());
        return (string)command.ExecuteScalar()!;
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value is Guid id ? id.ToString().ToUpperInvariant() : value);
        }

        command.ExecuteNonQuery().ShouldBe(1);
    }
}
