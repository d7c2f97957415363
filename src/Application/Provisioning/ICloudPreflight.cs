namespace Orchestrator.Application.Provisioning;

/// <summary>
/// What a plan may ask the cloud before anything exists: read-only and dry-run calls that prove a create would be
/// accepted (for ec2 with the Aws provider, a <c>DryRun</c> RunInstances with exactly the create's parameters).
/// Nothing is created, changed or reserved. A refusal is a failed check with the owner's sentence of its failure
/// code (<see cref="CloudFailureSentences"/>), never the provider's text.
/// </summary>
public interface ICloudPreflight
{
    /// <summary>The checks of this resource's type, in order; none for a type with nothing to try.</summary>
    Task<IReadOnlyList<CloudCheck>> CheckAsync(CloudResource resource, CancellationToken cancellationToken);
}
