using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Lifecycle;
using Orchestrator.Infrastructure.BackgroundWork;

namespace Orchestrator.Infrastructure.Lifecycle;

/// <summary>
/// Runs the <see cref="ExpiryScan"/> every <c>Lifecycle:ScanInterval</c> on the service's clock. Everything it knows is
/// in the resource rows, so a restart (or a kill) loses nothing, and several instances share the work through the
/// scan's claims.
/// </summary>
public sealed class ExpiryWorker(
    IServiceScopeFactory scopes,
    IOptions<LifecycleOptions> options,
    TimeProvider clock,
    ILogger<ExpiryWorker> logger) : PeriodicScopedWorker(scopes, clock, logger)
{
    protected override TimeSpan Interval => options.Value.ScanInterval;

    protected override (string Work, string Next) FailureText => ("An expiry scan", "the next one starts after the scan interval");

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ExpiryScan>().RunAsync(cancellationToken);
}
