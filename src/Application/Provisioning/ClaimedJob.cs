using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>A job as its claim read it, with its resource: what the cloud call works from, and what the result's save must still find.</summary>
public sealed record ClaimedJob(ProvisioningJob Job, Resource? Resource);
