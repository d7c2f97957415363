using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.Infrastructure.Secrets;
using Orchestrator.Infrastructure.Secrets.Aws;
using Orchestrator.Infrastructure.Security;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Secrets;

/// <summary>Two API instances sharing one set of keys in Secrets Manager (moto_server).</summary>
public sealed class AwsSecretsManagerApiTests : IDisposable
{
    private readonly string _prefix = $"api-{Guid.NewGuid():N}/";
    private readonly AwsSecretsApiFactory _first;
    private readonly AwsSecretsApiFactory _second;

    public AwsSecretsManagerApiTests()
    {
        _first = new AwsSecretsApiFactory(_prefix);
        _second = new AwsSecretsApiFactory(_prefix);
    }

    [Fact]
    public async Task Instances_started_at_once_share_keys_and_the_first_start_stores_them()
    {
        await Task.WhenAll(Task.Run(() => _first.CreateClient().Dispose()), Task.Run(() => _second.CreateClient().Dispose()));

        // Each instance has its own database here, so the check is on the keys: the second accepts the first's kid.
        var token = await _first.GetAccessTokenAsync("admin", OrchestratorApiFactory.AdminPassword);
        var keyId = JwtHeader.KeyIdOf(token);
        _second.Services.GetRequiredService<SigningKeyProvider>().SigningKey.KeyId.ShouldBe(keyId);
        _second.Services.GetRequiredService<SigningKeyProvider>().ResolveValidationKeys(keyId).ShouldHaveSingleItem();

        var sealedText = _first.Services.GetRequiredService<IFieldEncryptor>().Encrypt("written by the first instance");
        _second.Services.GetRequiredService<IFieldEncryptor>().Decrypt(sealedText).ShouldBe("written by the first instance");

        var client2 = _first.Services.GetRequiredService<SecretsManagerClient>();
        (await client2.GetSecretStringAsync(_prefix + SecretNames.JwtSigningKey, "AWSCURRENT", CancellationToken.None)).ShouldNotBeNullOrEmpty();
        (await client2.GetSecretStringAsync(_prefix + SecretNames.DataEncryptionKeys, "AWSCURRENT", CancellationToken.None)).ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_rotation_on_one_instance_is_accepted_by_the_other_when_the_new_kid_arrives()
    {
        var before = await _first.GetAccessTokenAsync("admin", OrchestratorApiFactory.AdminPassword);
        var keys = _second.Services.GetRequiredService<SigningKeyProvider>();
        keys.ResolveValidationKeys(JwtHeader.KeyIdOf(before)).ShouldHaveSingleItem();

        using (var admin = _first.CreateBearerClient(before))
        using (var rotated = await admin.PostAsync("/api/v1/admin/keys/jwt/rotate", null))
        {
            rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The second instance still has the old key cached; the new kid makes it re-read the secret.
        var after = await _first.GetAccessTokenAsync("admin", OrchestratorApiFactory.AdminPassword);
        JwtHeader.KeyIdOf(after).ShouldNotBe(JwtHeader.KeyIdOf(before));
        keys.ResolveValidationKeys(JwtHeader.KeyIdOf(after)).ShouldHaveSingleItem();
        keys.ResolveValidationKeys(JwtHeader.KeyIdOf(before)).ShouldHaveSingleItem();
        keys.ResolveValidationKeys("0123456789abcdef").ShouldBeEmpty();
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }
}
