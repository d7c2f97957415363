using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// What one step found in the cloud, as the change it makes to its job and resource. It is applied to the rows as they
/// are read inside the commit's transaction, so a transaction the provider retries applies it again from the start.
/// </summary>
/// <param name="Apply">Records the result on the job and on its resource (null when the resource no longer exists).</param>
/// <param name="GaveUp">The job ends failed for good.</param>
public sealed record ProvisioningStepResult(Action<ProvisioningJob, Resource?> Apply, bool GaveUp);
