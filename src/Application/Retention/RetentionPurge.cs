using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Domain.Retention;

namespace Orchestrator.Application.Retention;

/// <summary>
/// One retention purge, when it is due: claims the schedule's lease, works every rule of <see cref="RetentionPurgeRules"/>
/// batch by batch (renewing the lease after each), then sets the next due time one interval on. All cutoffs are taken
/// from the time the purge started. A crash leaves the schedule due again when the lease ends.
/// </summary>
public sealed partial class RetentionPurge(
    Common.Interfaces.IApplicationDbContext db,
    MaintenanceLease lease,
    TimeProvider clock,
    IOptions<RetentionOptions> options,
    ILogger<RetentionPurge> logger)
{
    private const string Schedule = MaintenanceSchedule.RetentionPurge;

    /// <summary>The report of the purge this call ran, or null when none was due (or another instance holds it).</summary>
    public async Task<PurgeReport?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!await lease.TryClaimAsync(Schedule, settings.LeaseDuration, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        var batches = 0;
        foreach (var rule in RetentionPurgeRules.For(settings))
        {
            deleted[rule.Name] = 0;
            while (true)
            {
                var count = await rule.DeleteBatchAsync(db, now, settings.BatchSize, cancellationToken);
                batches++;
                deleted[rule.Name] += count;
                if (!await lease.RenewAsync(Schedule, settings.LeaseDuration, cancellationToken))
                {
                    var lost = new PurgeReport(deleted, batches, Finished: false);
                    LogLeaseLost(logger, lost.Total);
                    return lost;
                }

                if (count < settings.BatchSize)
                {
                    break;
                }
            }
        }

        await lease.CompleteAsync(Schedule, settings.Interval, cancellationToken);
        var report = new PurgeReport(deleted, batches, Finished: true);
        if (report.Total > 0)
        {
            LogPurged(logger, report.Total, batches, string.Join(", ", deleted.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}")));
        }

        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge deleted {Total} rows in {Batches} batches: {ByRule}")]
    private static partial void LogPurged(ILogger logger, int total, int batches, string byRule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge stopped after {Total} rows: another instance took its lease over")]
    private static partial void LogLeaseLost(ILogger logger, int total);
}
