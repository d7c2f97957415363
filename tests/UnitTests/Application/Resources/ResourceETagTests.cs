using Orchestrator.Application.Resources.Common;

namespace Orchestrator.UnitTests.Application.Resources;

public class ResourceETagTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("\"v3\"")]
    [InlineData("\"v1\", \"v3\"")]
    [InlineData("\"v1\",\"v3\",\"v7\"")]
    [InlineData("\"v1\", *")]
    public void If_match_is_satisfied_at_version_3(string? ifMatch) =>
        ResourceETag.Satisfies(ifMatch, currentVersion: 3).ShouldBeTrue();

    [Theory]
    [InlineData("\"v2\"")]
    [InlineData("\"v1\", \"v2\"")]
    [InlineData("\"v33\"")]
    [InlineData("v3")]
    [InlineData("W/\"v3\"")]
    [InlineData("W/\"v1\", W/\"v3\"")]
    public void If_match_fails_at_version_3(string ifMatch) =>
        ResourceETag.Satisfies(ifMatch, currentVersion: 3).ShouldBeFalse();

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    public void The_etag_of_a_version_satisfies_only_that_version(long version)
    {
        var etag = ResourceETag.Of(version);

        etag.ShouldBe($"\"v{version}\"");
        ResourceETag.Satisfies(etag, version).ShouldBeTrue();
        ResourceETag.Satisfies(etag, version + 1).ShouldBeFalse();
    }
}
