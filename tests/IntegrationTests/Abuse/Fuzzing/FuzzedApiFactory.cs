using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>The API under fuzzing: the real host on its own SQLite file, keeping the exceptions it logs.</summary>
public sealed class FuzzedApiFactory : OrchestratorApiFactory
{
    public FuzzedApiFactory()
    {
        WithServices(services => services.AddSingleton<ILoggerProvider>(Errors));

        // Generated wrong passwords must not lock the run's own accounts out.
        With("Lockout:MaxFailedAttempts", "1000000");

        // The fuzzer calls every operation as the bootstrap admin signed in with a password only.
        With("Security:RequireMfaForAdmins", "false");
    }

    public ServerErrorLog Errors { get; } = new();
}
