using Microsoft.Extensions.Hosting;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.Infrastructure.Security;

namespace Orchestrator.Infrastructure.Secrets;

/// <summary>
/// Reads (and on the very first start creates) every key before the service takes requests, so that a store
/// that cannot be reached or refuses access stops the start with its error instead of failing requests later.
/// </summary>
public sealed class SecretsWarmup(SigningKeyProvider signingKeys, DataKeyRingProvider dataKeys) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await signingKeys.Secret.LoadAsync(cancellationToken);
        await dataKeys.Secret.LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
