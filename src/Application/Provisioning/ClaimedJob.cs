using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>A job as its round read it, with its resource: what the cloud call works from, and the tracked rows its result is saved to.</summary>
public sealed record ClaimedJob(ProvisioningJob Job, Resource? Resource)
{
    /// <summary>The tracked rows that are saved, or left out, together.</summary>
    public IEnumerable<object> Rows => Resource is null ? [Job] : [Job, Resource];
}
