using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Provisioning;

namespace Orchestrator.Application.Drift;

/// <summary>Queues a reconcile job for a resource, unless one is already waiting: two requests for it repair it once.</summary>
public static class ReconcileJobs
{
    public static async Task<bool> QueueAsync(IApplicationDbContext db, Guid resourceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = await db.ProvisioningJobs.AnyAsync(
            j => j.ResourceId == resourceId && j.Kind == ProvisioningJobKind.Reconcile && j.CompletedAt == null, cancellationToken);
        if (waiting)
        {
            return false;
        }

        db.ProvisioningJobs.Add(ProvisioningJob.Create(resourceId, ProvisioningJobKind.Reconcile, now));
        return true;
    }
}
