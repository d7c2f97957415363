using Orchestrator.Application.Common.Secrets;

namespace Orchestrator.UnitTests.Infrastructure.Secrets;

/// <summary>A secret store in a dictionary, with Secrets Manager's current/previous semantics.</summary>
public sealed class InMemorySecretStore : ISecretStore
{
    private readonly Dictionary<string, SecretVersions> _secrets = [];

    public Task<SecretVersions> GetOrCreateAsync(string name, Func<string> generateInitialValue, CancellationToken cancellationToken)
    {
        lock (_secrets)
        {
            if (!_secrets.TryGetValue(name, out var versions))
            {
                versions = new SecretVersions(generateInitialValue(), null);
                _secrets[name] = versions;
            }

            return Task.FromResult(versions);
        }
    }

    public Task<SecretVersions> PutAsync(string name, string value, CancellationToken cancellationToken)
    {
        lock (_secrets)
        {
            var versions = new SecretVersions(value, _secrets.TryGetValue(name, out var old) ? old.Current : null);
            _secrets[name] = versions;
            return Task.FromResult(versions);
        }
    }

    public void Invalidate(string name)
    {
    }
}
