using Orchestrator.Application.Resources.ListResources;

namespace Orchestrator.UnitTests.Application.Validation;

public class ListResourcesValidatorTests
{
    private readonly ListResourcesValidator _validator = new();

    [Theory]
    [InlineData(null, null, null, 1, 50)]
    [InlineData("ec2", "active", "env:dev", 1, 1)]
    [InlineData("s3", "deleted", "url:https://x", 1_000_000, 100)]
    [InlineData("rds", "pending", "empty:", 2, 10)]
    public void Valid_query_passes(string? type, string? status, string? tag, int page, int pageSize) =>
        ValidationErrorKeys.Of(_validator, Query(type, status, tag, page, pageSize)).ShouldBeEmpty();

    [Theory]
    [InlineData("vm", null, null, 1, 50, "type")]
    [InlineData("EC2", null, null, 1, 50, "type")]
    [InlineData(null, "running", null, 1, 50, "status")]
    [InlineData(null, null, "envdev", 1, 50, "tag")]
    [InlineData(null, null, ":dev", 1, 50, "tag")]
    [InlineData(null, null, null, 0, 50, "page")]
    [InlineData(null, null, null, -1, 50, "page")]
    [InlineData(null, null, null, 1, 0, "pageSize")]
    [InlineData(null, null, null, 1, 101, "pageSize")]
    public void Invalid_query_is_reported_under_its_parameter_name(string? type, string? status, string? tag, int page, int pageSize, string key) =>
        ValidationErrorKeys.Of(_validator, Query(type, status, tag, page, pageSize)).ShouldBe([key]);

    [Fact]
    public void Overlong_region_is_refused() =>
        ValidationErrorKeys.Of(_validator, new ListResourcesQuery(null, new string('r', 33), null, [])).ShouldBe(["region"]);

    private static ListResourcesQuery Query(string? type, string? status, string? tag, int page, int pageSize) =>
        new(type, Region: null, status, tag is null ? [] : [tag], page, pageSize);
}
