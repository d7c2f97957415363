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
        config.NewConfig<Resource, ResourceDto>()
            .Map(dto => dto.Type, resource => ResourceWireNames.Of(resource.Type))
            .Map(dto => dto.Status, resource => ResourceWireNames.Of(resource.Status))
            .Map(dto => dto.Tags, resource => resource.TagDictionary())
            .Map(dto => dto.Drift, resource => DriftWireNames.Dto(resource.Drift))
            .Map(dto => dto.ETag, resource => ResourceETag.Of(resource.Version));
    }
}
