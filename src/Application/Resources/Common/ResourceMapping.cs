using Mapster;
using Orchestrator.Application.Resources.ListResources;
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
        config.NewConfig<ResourceListRow, ResourceDto>()
            .Map(dto => dto.Type, row => ResourceWireNames.Of(row.Type))
            .Map(dto => dto.Status, row => ResourceWireNames.Of(row.Status))
            .Map(dto => dto.Tags, row => row.TagDictionary())
            .Map(dto => dto.Drift, row => DriftWireNames.Dto(row.Drift))
            .Map(dto => dto.ETag, row => ResourceETag.Of(row.Version));
    }
}
