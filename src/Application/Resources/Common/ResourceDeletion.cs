using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.Common;

/// <summary>The ordinary delete path, shared by DELETE and by expiry: the job that removes what the cloud holds.</summary>
public static class ResourceDeletion
{
    /// <summary>
    /// The delete job for a resource in its current state (read before deletion is requested): a failed creation that
    /// left nothing of the service's in the cloud, and a creation still waiting for or refused an approval, need no
    /// cloud call.
    /// </summary>
    public static ProvisioningJobKind JobKindFor(Resource resource) =>
        resource.Status is ResourceStatus.AwaitingApproval or ResourceStatus.Rejected
        || (resource.Status == ResourceStatus.Failed && CloudFailureCode.LeftNothingInTheCloud(resource.FailureCode))
            ? ProvisioningJobKind.DeleteRecordOnly
            : ProvisioningJobKind.Delete;

    /// <summary>Writes the delete job of <paramref name="kind"/>, in the same save as the resource's move to deleting.</summary>
    public static ProvisioningJob AddJob(IApplicationDbContext db, Guid resourceId, ProvisioningJobKind kind, DateTimeOffset now) =>
        db.ProvisioningJobs.Add(ProvisioningJob.Create(resourceId, kind, now)).Entity;
}
