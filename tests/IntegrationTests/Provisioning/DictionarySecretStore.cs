using System.Collections.Concurrent;
using Orchestrator.Application.Common.Secrets;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>A secret store in a dictionary, for tests that build the cloud adapters without a host.</summary>
internal sealed class DictionarySecretStore : ISecretStore
{
    private readonly ConcurrentDictionary<string, SecretVersions> _secrets = new(StringComparer.Ordinal);

    public Task<SecretVersions> GetOrCreateAsync(string name, Func<string> generateInitialValue, CancellationToken cancellationToken) =>
        Task.FromResult(_secrets.GetOrAdd(name, _ => new SecretVersions(generateInitialValue(), null)));

    public Task<SecretVersions> PutAsync(string name, string value, CancellationToken cancellationToken) =>
        Task.FromResult(_secrets.AddOrUpdate(name, _ => new SecretVersions(value, null), (_, old) => new SecretVersions(value, old.Current)));

    public void Invalidate(string name)
    {
    }
}
