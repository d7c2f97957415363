using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Infrastructure.Secrets;
using Orchestrator.Infrastructure.Secrets.Aws;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Secrets;

/// <summary>The Secrets Manager adapter against moto_server, which speaks the real JSON protocol.</summary>
public sealed class AwsSecretsManagerStoreTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ServiceProvider _services;

    public AwsSecretsManagerStoreTests() => _services = SecretsManagerServices.Build(MotoServer.Url, _clock);

    private AwsSecretsManagerStore Store => _services.GetRequiredService<AwsSecretsManagerStore>();

    private SecretsManagerClient Client => _services.GetRequiredService<SecretsManagerClient>();

    private string Prefix => _services.GetRequiredService<IOptions<SecretsOptions>>().Value.AwsSecretsManager.Prefix;

    [Fact]
    public async Task A_missing_secret_is_created_under_the_prefix_and_read_back()
    {
        var versions = await Store.GetOrCreateAsync("signing", () => "first-value", CancellationToken.None);

        versions.Current.ShouldBe("first-value");
        versions.Previous.ShouldBeNull();
        (await Client.GetSecretStringAsync(Prefix + "signing", "AWSCURRENT", CancellationToken.None)).ShouldBe("first-value");
    }

    [Fact]
    public async Task An_existing_secret_is_read_and_never_regenerated()
    {
        await Client.CreateSecretAsync(Prefix + "existing", "stored-earlier", kmsKeyId: null, CancellationToken.None);
        var generated = 0;

        var versions = await Store.GetOrCreateAsync("existing", () => $"new-{++generated}", CancellationToken.None);

        versions.Current.ShouldBe("stored-earlier");
        generated.ShouldBe(0);
    }

    [Fact]
    public async Task Two_instances_starting_at_once_end_up_with_the_same_value()
    {
        using var other = SecretsManagerServices.Build(MotoServer.Url, _clock, ("Secrets:AwsSecretsManager:Prefix", Prefix));
        var otherStore = other.GetRequiredService<AwsSecretsManagerStore>();

        var results = await Task.WhenAll(
            Store.GetOrCreateAsync("race", () => "from-instance-a", CancellationToken.None),
            otherStore.GetOrCreateAsync("race", () => "from-instance-b", CancellationToken.None));

        results[0].Current.ShouldBe(results[1].Current);
        (await Client.GetSecretStringAsync(Prefix + "race", "AWSCURRENT", CancellationToken.None)).ShouldBe(results[0].Current);
    }

    [Fact]
    public async Task An_update_becomes_current_and_the_old_value_previous()
    {
        await Store.GetOrCreateAsync("rotating", () => "v1", CancellationToken.None);

        var versions = await Store.PutAsync("rotating", "v2", CancellationToken.None);

        versions.ShouldBe(new Orchestrator.Application.Common.Secrets.SecretVersions("v2", "v1"));
        (await Client.GetSecretStringAsync(Prefix + "rotating", "AWSPREVIOUS", CancellationToken.None)).ShouldBe("v1");
    }

    [Fact]
    public async Task A_missing_secret_reads_as_absent_and_updating_it_fails_clearly()
    {
        (await Client.GetSecretStringAsync(Prefix + "nothing-here", "AWSCURRENT", CancellationToken.None)).ShouldBeNull();

        var outage = await Should.ThrowAsync<Orchestrator.Application.Common.Secrets.SecretStoreUnavailableException>(() => Store.PutAsync("nothing-here", "value", CancellationToken.None));

        var error = outage.InnerException.ShouldBeOfType<SecretsManagerException>();
        error.Kind.ShouldBe(SecretsManagerErrorKind.NotFound);
        error.AwsCode.ShouldBe("ResourceNotFoundException");
        error.Message.ShouldContain($"no secret '{Prefix}nothing-here'");
    }

    [Fact]
    public async Task A_change_made_elsewhere_is_seen_only_after_the_cache_ttl()
    {
        await Store.GetOrCreateAsync("cached", () => "v1", CancellationToken.None);
        await Client.PutSecretValueAsync(Prefix + "cached", "v2", CancellationToken.None);

        (await Store.GetOrCreateAsync("cached", () => "unused", CancellationToken.None)).Current.ShouldBe("v1");

        _clock.Advance(TimeSpan.FromSeconds(new SecretsOptions().CacheTtlSeconds - 1));
        (await Store.GetOrCreateAsync("cached", () => "unused", CancellationToken.None)).Current.ShouldBe("v1");

        _clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await Store.GetOrCreateAsync("cached", () => "unused", CancellationToken.None);
        fresh.Current.ShouldBe("v2");
        fresh.Previous.ShouldBe("v1");
    }

    [Fact]
    public async Task Invalidate_makes_the_next_read_go_to_secrets_manager()
    {
        await Store.GetOrCreateAsync("invalidated", () => "v1", CancellationToken.None);
        await Client.PutSecretValueAsync(Prefix + "invalidated", "v2", CancellationToken.None);

        Store.Invalidate("invalidated");

        (await Store.GetOrCreateAsync("invalidated", () => "unused", CancellationToken.None)).Current.ShouldBe("v2");
    }

    [Fact]
    public async Task A_configured_kms_key_encrypts_the_secrets_the_service_creates()
    {
        const string key = "alias/orchestrator-secrets";
        using var services = SecretsManagerServices.Build(
            MotoServer.Url, _clock, ("Secrets:AwsSecretsManager:Prefix", Prefix), ("Secrets:AwsSecretsManager:KmsKeyId", key));

        await services.GetRequiredService<AwsSecretsManagerStore>().GetOrCreateAsync("under-cmk", () => "v1", CancellationToken.None);
        await Store.GetOrCreateAsync("under-default-key", () => "v1", CancellationToken.None);

        (await KmsKeyOfAsync(Prefix + "under-cmk")).ShouldBe(key);
        (await KmsKeyOfAsync(Prefix + "under-default-key")).ShouldBeNull();
    }

    /// <summary>DescribeSecret through the service's own signed client: the key Secrets Manager says encrypts the secret.</summary>
    private async Task<string?> KmsKeyOfAsync(string secretId)
    {
        using var http = _services.GetRequiredService<IHttpClientFactory>().CreateClient(SecretsManagerClient.HttpClientName);
        using var content = new StringContent($$"""{"SecretId":"{{secretId}}"}""");
        content.Headers.ContentType = new("application/x-amz-json-1.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "secretsmanager.DescribeSecret");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var described = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return described["KmsKeyId"]?.GetValue<string>();
    }

    public void Dispose() => _services.Dispose();
}
