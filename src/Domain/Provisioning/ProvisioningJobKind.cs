namespace Orchestrator.Domain.Provisioning;

/// <summary>What a provisioning job makes the cloud do for its resource.</summary>
public enum ProvisioningJobKind
{
    Create,
    Delete,
    UpdateTags,
}
