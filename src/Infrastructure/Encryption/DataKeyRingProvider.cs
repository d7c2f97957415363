using Microsoft.Extensions.Logging;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Infrastructure.Secrets;

namespace Orchestrator.Infrastructure.Encryption;

/// <summary>The data-encryption key ring from the secret store (<c>data-encryption-keys</c>), kept fresh in memory.</summary>
public sealed class DataKeyRingProvider
{
    public DataKeyRingProvider(ISecretStore store, TimeProvider clock, ILogger<DataKeyRingProvider> logger) =>
        Secret = new RefreshingSecret<DataKeyRing>(
            store, SecretNames.DataEncryptionKeys, () => DataKeyRing.CreateNew().ToSecretValue(), DataKeyRing.FromSecret, clock, logger);

    public RefreshingSecret<DataKeyRing> Secret { get; }

    public DataKeyRing Current => Secret.Value;
}
