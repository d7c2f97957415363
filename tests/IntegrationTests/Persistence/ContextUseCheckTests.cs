using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// EF refuses a second operation on a context while another runs wherever the environment is not Production, so every
/// test host catches a context shared between two flows; in Production the check is off, as it cost every row read
/// two async-local writes (docs/decisions/0056-context-use-checked-outside-production.md).
/// </summary>
public sealed class ContextUseCheckTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task A_test_hosts_context_refuses_a_second_operation_while_one_runs()
    {
        var refused = await SecondOperationWhileOneRunsAsync(factory.Services);

        refused.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("second operation");
    }

    [Fact]
    public async Task A_production_hosts_context_does_not_check()
    {
        await using var production = new OrchestratorApiFactory().InEnvironment("Production");

        (await SecondOperationWhileOneRunsAsync(production.Services)).ShouldBeNull();
    }

    private static async Task<Exception?> SecondOperationWhileOneRunsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var running = context.GetService<IConcurrencyDetector>().EnterCriticalSection();

        // From another flow: the detector lets the flow that holds it in again.
        Task<Exception?> second;
        using (ExecutionContext.SuppressFlow())
        {
            second = Task.Run(() => Record.ExceptionAsync(() => context.Resources.CountAsync()));
        }

        return await second;
    }
}
