using System.Text.Json.Nodes;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.IntegrationTests.Authorization;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using OtpNet;

namespace Orchestrator.IntegrationTests.Secrets;

/// <summary>
/// The data key ring under a KMS key (moto's KMS): stored only wrapped, a ring found in clear is wrapped at the next
/// start, a restart with the same key reads what was encrypted before, another or a disabled key stops the start.
/// </summary>
public sealed class KmsKeyRingTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
    private readonly AmazonKeyManagementServiceClient _kms = new(
        new BasicAWSCredentials("test", "test"),
        new AmazonKeyManagementServiceConfig { ServiceURL = MotoServer.Url, AuthenticationRegion = "us-east-1" });

    private string RingFile => Path.Combine(_dataDirectory, "secrets", "data-encryption-keys.json");

    [Fact]
    public async Task A_clear_ring_is_wrapped_at_the_next_start_and_restarts_with_the_same_key_read_old_ciphertexts()
    {
        var keyId = await CreateKeyAsync();
        UserAccount before;
        Totp beforeTotp;
        using (var plain = Host(kmsKeyId: null))
        {
            (before, beforeTotp) = await UserWithTotpAsync(plain);
        }

        (await File.ReadAllTextAsync(RingFile)).ShouldContain("keys");

        UserAccount after;
        Totp afterTotp;
        using (var wrapped = Host(keyId))
        {
            await wrapped.LoginAsync(before.Username, before.Password, beforeTotp.ComputeTotp(DateTime.UtcNow));
            (after, afterTotp) = await UserWithTotpAsync(wrapped);
        }

        // Neither slot of the stored secret holds the ring in clear any more.
        var stored = JsonNode.Parse(await File.ReadAllTextAsync(RingFile))!;
        stored["current"]!.GetValue<string>().ShouldStartWith("kms:v1:");
        stored["previous"]!.GetValue<string>().ShouldStartWith("kms:v1:");
        // And nothing beside them: a search for the word "keys" would also find it, by chance, in a ciphertext's base64.
        stored.AsObject().Select(property => property.Key).ShouldBe(["current", "previous"], ignoreOrder: true);

        using var restarted = Host(keyId);
        await restarted.LoginAsync(after.Username, after.Password, afterTotp.ComputeTotp(DateTime.UtcNow));
        await restarted.LoginAsync(before.Username, before.Password, beforeTotp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
    }

    [Fact]
    public async Task Another_or_a_disabled_key_stops_the_start_with_a_reason()
    {
        var keyId = await CreateKeyAsync();
        using (var first = Host(keyId))
        {
            using var client = first.CreateClient();
        }

        var otherKey = await CreateKeyAsync();
        using (var other = Host(otherKey))
        {
            StartFailure(other).ShouldContain("The data key ring cannot be used");
        }

        await _kms.DisableKeyAsync(new DisableKeyRequest { KeyId = keyId });
        using var disabled = Host(keyId);
        var failure = StartFailure(disabled);
        failure.ShouldContain("Disabled");
        failure.ShouldContain("Encryption:KmsKeyId");
    }

    public void Dispose()
    {
        _kms.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static string StartFailure(OrchestratorApiFactory factory)
    {
        var exception = Should.Throw<Exception>(() => factory.CreateClient());
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }

    private static async Task<(UserAccount User, Totp Totp)> UserWithTotpAsync(OrchestratorApiFactory factory)
    {
        var user = await UserAccount.CreateAsync(factory);
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        using var client = factory.CreateBearerClient(tokens["access_token"]!.GetValue<string>());
        var steps = await TotpEnrolmentSteps.EnrolAsync(client, user.Password);
        return (user, steps.Totp);
    }

    private OrchestratorApiFactory Host(string? kmsKeyId)
    {
        var factory = OrchestratorApiFactory.OnDataDirectory(_dataDirectory)
            .With("Encryption:KmsKeyId", kmsKeyId)
            .With("Cloud:Aws:ServiceUrl", MotoServer.Url)
            .WithServices(services => services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("test", "test")));
        factory.DeletesDataDirectoryOnDispose(false);
        return factory;
    }

    private async Task<string> CreateKeyAsync() =>
        (await _kms.CreateKeyAsync(new CreateKeyRequest { Description = "orchestrator test key ring" })).KeyMetadata.KeyId;
}
