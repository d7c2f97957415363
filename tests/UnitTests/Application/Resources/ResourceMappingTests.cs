using Mapster;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Resources;
using Orchestrator.UnitTests.Domain;

namespace Orchestrator.UnitTests.Application.Resources;

public class ResourceMappingTests
{
    private static readonly TypeAdapterConfig Mapping = CreateMapping();

    [Fact]
    public void Each_mapped_resource_gets_its_own_spec_and_tags_and_the_shared_empty_defaults_stay_empty()
    {
        var ec2 = TestResources.Ec2(Guid.NewGuid(), new Dictionary<string, string> { ["env"] = "dev" });
        var s3 = Resource.Create(
            Guid.NewGuid(), "logs01", ResourceType.S3, "eu-west-2", new Dictionary<string, string>(), new ResourceSpec { Versioning = true },
            Guid.NewGuid(), TestResources.CreatedAt);

        var dtos = new List<Resource> { ec2, s3 }.Adapt<List<ResourceDto>>(Mapping);

        dtos[0].Spec.InstanceType.ShouldBe("t3.micro");
        dtos[0].Spec.Versioning.ShouldBeNull();
        dtos[0].Tags.ShouldBe(new Dictionary<string, string> { ["env"] = "dev" });
        dtos[1].Spec.Versioning.ShouldBe(true);
        dtos[1].Spec.InstanceType.ShouldBeNull();
        dtos[1].Tags.ShouldBeEmpty();
        dtos[0].Spec.ShouldNotBeSameAs(ResourceSpecDto.None);
        ResourceSpecDto.None.ShouldBe(new ResourceSpecDto());
        new ResourceDto().Tags.ShouldBeEmpty();
        new ResourceDto().Outputs.ShouldBeEmpty();
    }

    private static TypeAdapterConfig CreateMapping()
    {
        var mapping = new TypeAdapterConfig();
        mapping.Scan(typeof(ResourceDto).Assembly);
        mapping.Compile();
        return mapping;
    }
}
