using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Secrets;

namespace Orchestrator.Infrastructure.Secrets.Aws;

/// <summary>
/// The service's secrets in AWS Secrets Manager under <c>Secrets:AwsSecretsManager:Prefix</c>. Reads are cached
/// in process for <c>Secrets:CacheTtlSeconds</c>; a missing secret is created, and when another instance creates
/// it at the same moment the loser reads the winner's value, so every instance ends up with the same keys.
/// Secrets Manager's errors and an unreachable endpoint leave as <see cref="SecretStoreUnavailableException"/>,
/// the port's own exception, so nothing outside this adapter knows Secrets Manager's types.
/// </summary>
public sealed class AwsSecretsManagerStore(
    SecretsManagerClient client,
    IOptions<SecretsOptions> options,
    TimeProvider clock,
    ILogger<AwsSecretsManagerStore> logger) : ISecretStore
{
    private const string CurrentStage = "AWSCURRENT";
    private const string PreviousStage = "AWSPREVIOUS";

    private readonly ConcurrentDictionary<string, CachedSecret> _cache = new(StringComparer.Ordinal);

    private TimeSpan Ttl => TimeSpan.FromSeconds(options.Value.CacheTtlSeconds);

    public async Task<SecretVersions> GetOrCreateAsync(string name, Func<string> generateInitialValue, CancellationToken cancellationToken)
    {
        var secretId = SecretIdOf(name);
        if (_cache.TryGetValue(secretId, out var cached) && clock.GetUtcNow() < cached.ExpiresAt)
        {
            return cached.Versions;
        }

        try
        {
            return await ReadOrCreateAsync(secretId, generateInitialValue, cancellationToken);
        }
        catch (Exception exception) when (IsOutage(exception, cancellationToken))
        {
            throw new SecretStoreUnavailableException(exception.Message, exception);
        }
    }

    public async Task<SecretVersions> PutAsync(string name, string value, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteAsync(name, value, cancellationToken);
        }
        catch (Exception exception) when (IsOutage(exception, cancellationToken))
        {
            throw new SecretStoreUnavailableException(exception.Message, exception);
        }
    }

    public void Invalidate(string name) => _cache.TryRemove(SecretIdOf(name), out _);

    // An HttpClient timeout is a cancellation the caller did not ask for.
    private static bool IsOutage(Exception exception, CancellationToken cancellationToken) =>
        exception is SecretsManagerException or HttpRequestException
        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private async Task<SecretVersions> ReadOrCreateAsync(string secretId, Func<string> generateInitialValue, CancellationToken cancellationToken)
    {
        var versions = await ReadAsync(secretId, cancellationToken);
        if (versions is null)
        {
            try
            {
                await client.CreateSecretAsync(secretId, generateInitialValue(), options.Value.AwsSecretsManager.KmsKeyId, cancellationToken);
                logger.LogInformation("Created secret {SecretId} in Secrets Manager", secretId);
            }
            catch (SecretsManagerException e) when (e.Kind == SecretsManagerErrorKind.AlreadyExists)
            {
                // Another instance created it between our read and our create: its value is the one to use.
                logger.LogInformation("Secret {SecretId} was created by another instance; using it", secretId);
            }

            versions = await ReadAsync(secretId, cancellationToken)
                ?? throw new SecretsManagerException(SecretsManagerErrorKind.NotFound, "ResourceNotFoundException", $"Secret '{secretId}' vanished right after it was created.");
        }

        return Remember(secretId, versions);
    }

    private async Task<SecretVersions> WriteAsync(string name, string value, CancellationToken cancellationToken)
    {
        var secretId = SecretIdOf(name);
        await client.PutSecretValueAsync(secretId, value, cancellationToken);
        var versions = await ReadAsync(secretId, cancellationToken)
            ?? throw new SecretsManagerException(SecretsManagerErrorKind.NotFound, "ResourceNotFoundException", $"Secrets Manager has no secret '{secretId}'.");
        return Remember(secretId, versions);
    }

    private async Task<SecretVersions?> ReadAsync(string secretId, CancellationToken cancellationToken)
    {
        var current = await client.GetSecretStringAsync(secretId, CurrentStage, cancellationToken);
        if (current is null)
        {
            return null;
        }

        // A secret that was never changed has no AWSPREVIOUS stage: Secrets Manager answers "not found".
        var previous = await client.GetSecretStringAsync(secretId, PreviousStage, cancellationToken);
        return new SecretVersions(current, previous);
    }

    private SecretVersions Remember(string secretId, SecretVersions versions)
    {
        _cache[secretId] = new CachedSecret(versions, clock.GetUtcNow() + Ttl);
        return versions;
    }

    private string SecretIdOf(string name) => options.Value.AwsSecretsManager.Prefix + name;

    private sealed record CachedSecret(SecretVersions Versions, DateTimeOffset ExpiresAt);
}
