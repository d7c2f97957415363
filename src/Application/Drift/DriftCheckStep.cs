using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Drift;

/// <summary>
/// Checks one claimed resource: describes it in the cloud, compares it with the record, keeps the outcome and the
/// settings read, and schedules the next check. A cloud error leaves the last outcome as it was (the next pass tries
/// again). In <see cref="DriftMode.Reconcile"/> differences queue a reconcile job; a resource gone from the cloud is
/// only marked, never recreated.
/// </summary>
public sealed partial class DriftCheckStep(
    IApplicationDbContext db,
    IEnumerable<ICloudDriftProvider> providers,
    DriftCheckQueue queue,
    TimeProvider clock,
    IOptions<DriftOptions> options,
    ILogger<DriftCheckStep> logger)
{
    /// <summary>Returns false when the resource was not checked (gone, no longer active, or its save lost to a change).</summary>
    public async Task<bool> RunAsync(Guid resourceId, CancellationToken cancellationToken)
    {
        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken);
        if (resource is null || resource.Status != ResourceStatus.Active)
        {
            return false;
        }

        var provider = providers.FirstOrDefault(p => p.Type == resource.Type)
            ?? throw new InvalidOperationException($"No drift provider is registered for {resource.Type}.");
        var recorded = CloudResource.From(resource, null);
        try
        {
            var state = await provider.DescribeAsync(recorded, cancellationToken);
            var differences = DriftComparison.Compare(recorded, state);
            var now = clock.GetUtcNow();
            resource.RecordDriftCheck(differences, DriftComparison.Readings(state), now);
            if (differences.Count > 0)
            {
                LogDrifted(logger, resource.Id, differences.Count);
                if (options.Value.Mode == DriftMode.Reconcile && state.Exists)
                {
                    await ReconcileJobs.QueueAsync(db, resource.Id, now, cancellationToken);
                }
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not DbUpdateException)
        {
            // Throttled, unreachable or refused: what the last check found still stands.
            LogCheckFailed(logger, resource.Id, exception.GetType().Name, (exception.InnerException ?? exception).Message);
        }

        resource.ScheduleDriftCheck(DriftSchedule.Next(clock.GetUtcNow(), options.Value.Interval));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The resource changed while it was described: compare again with the new record.
            db.DiscardChanges();
            await queue.ReleaseAsync(resourceId, cancellationToken);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Drift check of resource {ResourceId} found {Count} differences")]
    private static partial void LogDrifted(ILogger logger, Guid resourceId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drift check of resource {ResourceId} could not read the cloud; the last outcome stands: {Error}: {Message}")]
    private static partial void LogCheckFailed(ILogger logger, Guid resourceId, string error, string message);
}
