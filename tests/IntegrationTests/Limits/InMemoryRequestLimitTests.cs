using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>The request-limit contract with no Redis configured (the embedded default).</summary>
public sealed class InMemoryRequestLimitTests(ITestOutputHelper output) : RequestLimitContract(output)
{
    protected override OrchestratorApiFactory CreateFactory() => new();
}
