using System.Collections.Concurrent;
using System.Text;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Microsoft.Extensions.Logging;
using Orchestrator.Application.Common.Secrets;

namespace Orchestrator.Infrastructure.Secrets.Kms;

/// <summary>
/// Keeps the data key ring in the secret store only as a KMS ciphertext (envelope encryption: the ring's keys are
/// the data keys, the KMS key wraps them); every other secret passes through unchanged. A ring found in clear (a
/// store from before the KMS key was set) is wrapped the first time it is read. See docs/keys.md.
/// </summary>
/// <remarks>
/// The encryption context names the service and the purpose, so a ciphertext made for something else does not
/// open here. Unwrapped rings are remembered by ciphertext, so the store's polling costs no KMS call.
/// </remarks>
public sealed class KmsWrappedSecretStore(
    ISecretStore inner, IAmazonKeyManagementService kms, string keyId, ILogger<KmsWrappedSecretStore> logger) : ISecretStore
{
    public const string Prefix = "kms:v1:";

    private static readonly Dictionary<string, string> Context = new(StringComparer.Ordinal)
    {
        ["service"] = "orchestrator",
        ["purpose"] = SecretNames.DataEncryptionKeys,
    };

    private readonly ConcurrentDictionary<string, string> _unwrapped = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _checkGate = new(1, 1);
    private string? _keyArn;

    public async Task<SecretVersions> GetOrCreateAsync(string name, Func<string> generateInitialValue, CancellationToken cancellationToken)
    {
        if (name != SecretNames.DataEncryptionKeys)
        {
            return await inner.GetOrCreateAsync(name, generateInitialValue, cancellationToken);
        }

        await EnsureKeyUsableAsync(cancellationToken);

        // The store calls this only when it creates the secret, once, synchronously.
        var stored = await inner.GetOrCreateAsync(
            name, () => WrapAsync(generateInitialValue(), CancellationToken.None).GetAwaiter().GetResult(), cancellationToken);
        if (!stored.Current.StartsWith(Prefix, StringComparison.Ordinal))
        {
            stored = await WrapStoredRingAsync(name, stored.Current, cancellationToken);
        }

        return await UnwrapAsync(stored, cancellationToken);
    }

    public async Task<SecretVersions> PutAsync(string name, string value, CancellationToken cancellationToken)
    {
        if (name != SecretNames.DataEncryptionKeys)
        {
            return await inner.PutAsync(name, value, cancellationToken);
        }

        await EnsureKeyUsableAsync(cancellationToken);
        return await UnwrapAsync(await inner.PutAsync(name, await WrapAsync(value, cancellationToken), cancellationToken), cancellationToken);
    }

    public void Invalidate(string name) => inner.Invalidate(name);

    /// <summary>Written twice, so that the clear ring leaves the previous slot too (Secrets Manager keeps it unlabelled).</summary>
    private async Task<SecretVersions> WrapStoredRingAsync(string name, string clearRing, CancellationToken cancellationToken)
    {
        var wrapped = await WrapAsync(clearRing, cancellationToken);
        await inner.PutAsync(name, wrapped, cancellationToken);
        var stored = await inner.PutAsync(name, wrapped, cancellationToken);
        logger.LogWarning("The data key ring was stored in clear; it is now stored wrapped by the KMS key {KmsKeyId}", keyId);
        return stored;
    }

    private async Task EnsureKeyUsableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _keyArn) is not null)
        {
            return;
        }

        await _checkGate.WaitAsync(cancellationToken);
        try
        {
            if (_keyArn is not null)
            {
                return;
            }

            var key = await CallAsync(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }, cancellationToken), "describe");
            if (key.KeyMetadata.KeyState != KeyState.Enabled)
            {
                throw Refused($"the KMS key {keyId} is {key.KeyMetadata.KeyState}, not Enabled", null);
            }

            Volatile.Write(ref _keyArn, key.KeyMetadata.Arn);
        }
        finally
        {
            _checkGate.Release();
        }
    }

    private async Task<string> WrapAsync(string ring, CancellationToken cancellationToken)
    {
        var response = await CallAsync(
            () => kms.EncryptAsync(
                new EncryptRequest { KeyId = keyId, Plaintext = new MemoryStream(Encoding.UTF8.GetBytes(ring)), EncryptionContext = Context },
                cancellationToken),
            "wrap");
        var wrapped = Prefix + Convert.ToBase64String(response.CiphertextBlob.ToArray());
        _unwrapped[wrapped] = ring;
        return wrapped;
    }

    private async Task<SecretVersions> UnwrapAsync(SecretVersions stored, CancellationToken cancellationToken) => new(
        await UnwrapAsync(stored.Current, cancellationToken),
        stored.Previous is { } previous && previous.StartsWith(Prefix, StringComparison.Ordinal) ? await UnwrapAsync(previous, cancellationToken) : null);

    private async Task<string> UnwrapAsync(string wrapped, CancellationToken cancellationToken)
    {
        if (_unwrapped.TryGetValue(wrapped, out var known))
        {
            return known;
        }

        if (!wrapped.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw Refused("the stored data key ring is not wrapped", null);
        }

        var response = await CallAsync(
            () => kms.DecryptAsync(
                new DecryptRequest
                {
                    KeyId = keyId,
                    CiphertextBlob = new MemoryStream(Convert.FromBase64String(wrapped[Prefix.Length..])),
                    EncryptionContext = Context,
                },
                cancellationToken),
            "unwrap");
        if (_keyArn is { } arn && !string.Equals(response.KeyId, arn, StringComparison.Ordinal))
        {
            throw Refused($"the data key ring is wrapped by another KMS key ({response.KeyId})", null);
        }

        var ring = Encoding.UTF8.GetString(response.Plaintext.ToArray());
        if (_unwrapped.Count > 8)
        {
            _unwrapped.Clear();
        }

        _unwrapped[wrapped] = ring;
        return ring;
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (AmazonKeyManagementServiceException e)
        {
            throw Refused($"KMS refused to {what} with key {keyId}: {e.ErrorCode} {e.Message}", e);
        }
    }

    private KmsKeyRingException Refused(string reason, Exception? inner)
    {
        var message = $"The data key ring cannot be used: {reason}. Check Encryption:KmsKeyId, the key's state and the service's kms:Encrypt, kms:Decrypt and kms:DescribeKey permissions (docs/keys.md).";
        logger.LogCritical(inner, "{Problem}", message);
        return new KmsKeyRingException(message, inner);
    }
}
