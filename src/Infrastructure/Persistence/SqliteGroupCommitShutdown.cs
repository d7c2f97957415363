using Microsoft.Extensions.Hosting;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Closes the group commits' writer connection on the database file when the service stops, rather than when its idle
/// timer next fires (<see cref="SqliteGroupCommit.CloseWriterIfIdle"/>): once stopped, the service holds nothing open.
/// </summary>
internal sealed class SqliteGroupCommitShutdown(string connectionString) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        SqliteGroupCommit.For(connectionString).CloseWriterIfIdle();
        return Task.CompletedTask;
    }
}
