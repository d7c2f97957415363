using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Sandbox;

/// <summary>
/// The Sandbox's answer to a plan's dry run: the simulated cloud has no permissions, accepts every allowed image
/// and instance type in every allowed region, and only fails what <c>Cloud:Sandbox:FailingNames</c> injects, later,
/// while provisioning (as AWS's own limits would). So an ec2 launch always passes; no call is made.
/// </summary>
public sealed class SandboxPreflight : ICloudPreflight
{
    public Task<IReadOnlyList<CloudCheck>> CheckAsync(CloudResource resource, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CloudCheck>>(resource.Type == ResourceType.Ec2
            ? [new CloudCheck(CloudCheck.RunInstancesDryRun, Passed: true, "The Sandbox simulates the launch: no cloud call is made, and these settings would be accepted.")]
            : []);
}
