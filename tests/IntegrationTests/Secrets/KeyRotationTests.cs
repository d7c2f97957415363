using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Secrets;

/// <summary>Rotation through the admin endpoints with the Local secret store, over the real HTTP pipeline.</summary>
public sealed class KeyRotationTests : IDisposable
{
    private readonly OrchestratorApiFactory _factory = new();

    [Fact]
    public async Task Tokens_of_the_previous_signing_key_stay_valid_until_a_second_rotation_retires_it()
    {
        var before = await AdminTokenAsync();
        var firstKeyId = JwtHeader.KeyIdOf(before);
        firstKeyId.ShouldNotBeNullOrEmpty();

        var rotated = await RotateAsync(before, "jwt");
        rotated.ShouldNotBe(firstKeyId);
        (await MeStatusAsync(before)).ShouldBe(HttpStatusCode.OK);

        var after = await AdminTokenAsync();
        JwtHeader.KeyIdOf(after).ShouldBe(rotated);
        (await MeStatusAsync(after)).ShouldBe(HttpStatusCode.OK);

        // A second rotation makes "after"'s key the previous one and retires the first key.
        await RotateAsync(after, "jwt");
        (await MeStatusAsync(before)).ShouldBe(HttpStatusCode.Unauthorized);
        (await MeStatusAsync(after)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Data_encrypted_with_the_old_key_still_decrypts_after_a_data_key_rotation()
    {
        var encryptor = _factory.Services.GetRequiredService<IFieldEncryptor>();
        var old = encryptor.Encrypt("enrolled before the rotation");
        var oldKeyId = AesGcmEnvelope.ReadKeyId(Convert.FromBase64String(old));

        var newKeyId = await RotateAsync(await AdminTokenAsync(), "data");

        var fresh = encryptor.Encrypt("enrolled after the rotation");
        DataKeyRing.FormatKeyId(AesGcmEnvelope.ReadKeyId(Convert.FromBase64String(fresh))).ShouldBe(newKeyId);
        newKeyId.ShouldNotBe(DataKeyRing.FormatKeyId(oldKeyId));
        encryptor.Decrypt(old).ShouldBe("enrolled before the rotation");
        encryptor.Decrypt(fresh).ShouldBe("enrolled after the rotation");
    }

    [Fact]
    public async Task A_restart_reuses_the_keys_so_tokens_and_data_survive_it()
    {
        var token = await AdminTokenAsync();
        var sealedText = _factory.Services.GetRequiredService<IFieldEncryptor>().Encrypt("kept across restarts");

        using var restarted = new OrchestratorApiFactory().With("DataDirectory", _factory.DataDirectory);
        using var client = restarted.CreateBearerClient(token);

        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        restarted.Services.GetRequiredService<IFieldEncryptor>().Decrypt(sealedText).ShouldBe("kept across restarts");
    }

    [Fact]
    public async Task A_token_signed_with_the_current_key_but_without_a_kid_is_rejected()
    {
        var token = await AdminTokenAsync();
        var key = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_factory.DataDirectory, "secrets", "jwt-signing-key.json")))!["current"]!.GetValue<string>();
        var handler = new JsonWebTokenHandler();
        var claims = handler.ReadJsonWebToken(token);
        var withoutKid = handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = claims.Issuer,
            Audience = claims.Audiences.Single(),
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = claims.Subject, ["role"] = "admin", ["jti"] = Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)), SecurityAlgorithms.HmacSha256),
        });

        JwtHeader.KeyIdOf(withoutKid).ShouldBeNull();
        (await MeStatusAsync(token)).ShouldBe(HttpStatusCode.OK);
        (await MeStatusAsync(withoutKid)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("operator", "jwt")]
    [InlineData("viewer", "jwt")]
    [InlineData("operator", "data")]
    [InlineData("viewer", "data")]
    public async Task Only_admins_may_rotate_keys(string role, string kind)
    {
        var (client, _) = await _factory.CreateUserClientAsync(role);
        using (client)
        {
            using var response = await client.PostAsync($"/api/v1/admin/keys/{kind}/rotate", null);
            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Rotation_without_a_token_is_unauthorized()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/admin/keys/jwt/rotate", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public void Dispose() => _factory.Dispose();

    private Task<string> AdminTokenAsync() => _factory.GetAccessTokenAsync("admin", OrchestratorApiFactory.AdminPassword);

    private async Task<HttpStatusCode> MeStatusAsync(string token)
    {
        using var client = _factory.CreateBearerClient(token);
        using var response = await client.GetAsync("/api/v1/me");
        return response.StatusCode;
    }

    private async Task<string> RotateAsync(string token, string kind)
    {
        using var client = _factory.CreateBearerClient(token);
        using var response = await client.PostAsync($"/api/v1/admin/keys/{kind}/rotate", null);
        var body = await response.ReadJsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["kind"]!.GetValue<string>().ShouldBe(kind);
        return body["activeKeyId"]!.GetValue<string>();
    }
}
