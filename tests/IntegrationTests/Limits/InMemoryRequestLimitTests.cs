using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>The request-limit contract with no Redis configured (the embedded default).</summary>
public sealed class InMemoryRequestLimitTests : RequestLimitContract
{
    protected override OrchestratorApiFactory CreateFactory() => new();
}
