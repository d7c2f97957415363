using Microsoft.Extensions.Logging;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.Infrastructure.Security;

namespace Orchestrator.Infrastructure.Secrets;

/// <summary>
/// Rotation through the secret store, the same way for every adapter: a new secret version is written and this
/// instance uses it at once; other instances pick it up within the store's cache TTL.
/// </summary>
public sealed class KeyRotationService(
    ISecretStore store,
    SigningKeyProvider signingKeys,
    DataKeyRingProvider dataKeys,
    ILogger<KeyRotationService> logger) : IKeyRotation
{
    public async Task<string> RotateSigningKeyAsync(CancellationToken cancellationToken)
    {
        var versions = await store.PutAsync(SecretNames.JwtSigningKey, SigningKeySet.GenerateSecretValue(), cancellationToken);
        var keys = signingKeys.Secret.Publish(versions);
        logger.LogInformation("Rotated the token signing key: {KeyId} signs, {PreviousKeyId} still validates", keys.Current.KeyId, keys.Previous?.KeyId);
        return keys.Current.KeyId;
    }

    public async Task<string> RotateDataKeyAsync(CancellationToken cancellationToken)
    {
        // Start from the store's latest ring, not a cached one, so that no key added elsewhere is dropped.
        store.Invalidate(SecretNames.DataEncryptionKeys);
        var latest = await store.GetOrCreateAsync(SecretNames.DataEncryptionKeys, () => DataKeyRing.CreateNew().ToSecretValue(), cancellationToken);
        var rotated = DataKeyRing.FromSecret(latest).WithNewActiveKey();
        var ring = dataKeys.Secret.Publish(await store.PutAsync(SecretNames.DataEncryptionKeys, rotated.ToSecretValue(), cancellationToken));
        logger.LogInformation("Rotated the data-encryption key: {KeyId} encrypts, {KeyCount} keys decrypt", DataKeyRing.FormatKeyId(ring.ActiveKeyId), ring.Keys.Count);
        return DataKeyRing.FormatKeyId(ring.ActiveKeyId);
    }
}
