using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// Whether the cloud provider knows where to put a resource of this type in this region (network
/// placement from configuration), asked before a create is accepted so nothing lands in a default VPC.
/// </summary>
public interface ICloudPlacement
{
    /// <summary>Null when the resource can be placed; otherwise a sentence for the requester saying what the operator must configure.</summary>
    string? RefusalFor(ResourceType type, string region);
}
