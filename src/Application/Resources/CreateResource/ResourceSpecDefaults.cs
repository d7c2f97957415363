using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.CreateResource;

/// <summary>Fills an omitted or partial spec with the safe defaults of its type.</summary>
internal static class ResourceSpecDefaults
{
    public static ResourceSpec Complete(ResourceType type, ResourceSpecDto? requested, CloudCatalogOptions catalog) => type switch
    {
        ResourceType.Ec2 => new ResourceSpec
        {
            InstanceType = requested?.InstanceType ?? catalog.DefaultInstanceType,
            ImageId = requested?.ImageId ?? catalog.DefaultImageId,
        },
        ResourceType.Rds => new ResourceSpec
        {
            Engine = requested?.Engine ?? catalog.DefaultDbEngine,
            InstanceClass = requested?.InstanceClass ?? catalog.DefaultDbInstanceClass,
            AllocatedStorage = requested?.AllocatedStorage ?? catalog.DefaultAllocatedStorage,
        },
        ResourceType.S3 => new ResourceSpec { Versioning = requested?.Versioning ?? true },
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
