using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Approvals;
using Orchestrator.Application.Approvals.ExpireApprovals;
using Orchestrator.Infrastructure.BackgroundWork;

namespace Orchestrator.Infrastructure.Approvals;

/// <summary>
/// Runs the <see cref="ApprovalExpiryScan"/> every <c>Approvals:ScanInterval</c> on the service's clock. Its schedule and
/// lease live in the database, so a restart loses nothing and several instances never expire a request twice.
/// </summary>
public sealed class ApprovalExpiryWorker(
    IServiceScopeFactory scopes,
    IOptions<ApprovalOptions> options,
    TimeProvider clock,
    ILogger<ApprovalExpiryWorker> logger) : PeriodicScopedWorker(scopes, clock, logger)
{
    protected override TimeSpan Interval => options.Value.ScanInterval;

    protected override (string Work, string Next) FailureText => ("An approval expiry scan", "it is due again when its lease ends");

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ApprovalExpiryScan>().RunIfDueAsync(cancellationToken);
}
