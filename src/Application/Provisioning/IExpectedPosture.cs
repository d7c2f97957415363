using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// The enforced settings a resource of this type and spec gets from the configured cloud provider (rds's pinned
/// engine version and backup retention are the provider's configuration; its deletion protection is the resource's own),
/// each with <c>actual</c> null.
/// </summary>
public interface IExpectedPosture
{
    IReadOnlyList<PostureSetting> For(ResourceType type, ResourceSpec spec, bool deletionProtection);
}
