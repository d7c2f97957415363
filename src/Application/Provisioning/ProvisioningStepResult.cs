using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// What one step found in the cloud, as the change it makes to its job and resource, applied when the round records its
/// results: the cloud calls of a round run in parallel and change nothing the database context tracks.
/// </summary>
/// <param name="Apply">Records the result on the job and on its resource (null when the resource no longer exists).</param>
/// <param name="GaveUp">The job ends failed for good.</param>
public sealed record ProvisioningStepResult(Action<ProvisioningJob, Resource?> Apply, bool GaveUp);
