namespace Orchestrator.Application.Common.Secrets;

/// <summary>
/// Where the service's own secrets live (signing keys, data-encryption keys). Modelled on Secrets
/// Manager: each secret has a current value and, after a change, the value it replaced.
/// </summary>
public interface ISecretStore
{
    /// <summary>
    /// Reads a secret, creating it from <paramref name="generateInitialValue"/> when it does not exist yet.
    /// When two callers create it at once, both get the value that was stored first.
    /// </summary>
    Task<SecretVersions> GetOrCreateAsync(string name, Func<string> generateInitialValue, CancellationToken cancellationToken);

    /// <summary>Stores a new current value; the old current value becomes the previous one.</summary>
    Task<SecretVersions> PutAsync(string name, string value, CancellationToken cancellationToken);

    /// <summary>Forgets any cached copy, so that the next read goes to the source.</summary>
    void Invalidate(string name);
}
