using Mapster;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.Common;

/// <summary>Entity-to-wire mapping of resources, registered by hand in the application's TypeAdapterConfig.</summary>
public sealed class ResourceMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<ResourceSpec, ResourceSpecDto>();
        config.NewConfig<PostureReading, PostureSettingDto>();
        // The tag and output maps are handed over, not copied: TagDictionary builds a new one, and Outputs is replaced, never changed.
        config.NewConfig<Resource, ResourceDto>()
            .ShallowCopyForSameType(true)
            .Map(dto => dto.Type, resource => ResourceWireNames.Of(resource.Type))
            .Map(dto => dto.Status, resource => ResourceWireNames.Of(resource.Status))
            .Map(dto => dto.Tags, resource => resource.TagDictionary())
            .Map(dto => dto.Drift, resource => DriftWireNames.Dto(resource.Drift))
            .Map(dto => dto.ETag, resource => ResourceETag.Of(resource.Version));
    }
}
