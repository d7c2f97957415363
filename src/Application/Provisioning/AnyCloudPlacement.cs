using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>A cloud with no network to choose (the Sandbox): every type is placeable in every allowed region.</summary>
public sealed class AnyCloudPlacement : ICloudPlacement
{
    public string? RefusalFor(ResourceType type, string region) => null;
}
