using Orchestrator.Application.Common.Validation;

namespace Orchestrator.UnitTests.Application.Validation;

public class JsonFieldNamesTests
{
    [Theory]
    [InlineData("Name", "name")]
    [InlineData("PageSize", "pageSize")]
    [InlineData("Spec.InstanceType", "spec.instanceType")]
    [InlineData("Spec.AllocatedStorage", "spec.allocatedStorage")]
    [InlineData("Tags[0]", "tags[0]")]
    [InlineData("tags", "tags")]
    [InlineData("spec.imageId", "spec.imageId")]
    [InlineData("Idempotency-Key", "Idempotency-Key")]
    [InlineData("", "")]
    public void Property_path_becomes_the_camelCase_json_name(string propertyPath, string jsonName) =>
        JsonFieldNames.FromPropertyPath(propertyPath).ShouldBe(jsonName);
}
