using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.UnitTests.Application.Resources;

public class ResourceWireNamesTests
{
    [Theory]
    [InlineData(ResourceStatus.AwaitingApproval, "awaiting-approval")]
    [InlineData(ResourceStatus.Rejected, "rejected")]
    [InlineData(ResourceStatus.Pending, "pending")]
    public void Statuses_are_kebab_case_on_the_wire_and_parse_back(ResourceStatus status, string wire)
    {
        ResourceWireNames.Of(status).ShouldBe(wire);
        ResourceWireNames.TryParseStatus(wire, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(status);
    }

    [Fact]
    public void Types_keep_their_digits_in_one_word_and_no_other_spelling_parses()
    {
        ResourceWireNames.Types.ShouldBe(["ec2", "s3", "rds"], ignoreOrder: true);
        ResourceWireNames.TryParseStatus("awaitingapproval", out _).ShouldBeFalse();
        ResourceWireNames.TryParseStatus("AwaitingApproval", out _).ShouldBeFalse();
    }

    [Fact]
    public void Every_type_and_status_parses_back_from_its_wire_name_and_nothing_else_parses()
    {
        foreach (var status in Enum.GetValues<ResourceStatus>())
        {
            ResourceWireNames.TryParseStatus(ResourceWireNames.Of(status), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(status);
        }

        foreach (var type in Enum.GetValues<ResourceType>())
        {
            ResourceWireNames.TryParseType(ResourceWireNames.Of(type), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(type);
        }

        ResourceWireNames.TryParseStatus(null, out _).ShouldBeFalse();
        ResourceWireNames.TryParseType("EC2", out _).ShouldBeFalse();
        ResourceWireNames.TryParseType("ec2 ", out _).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => ResourceWireNames.ParseType("vpc"));
    }
}
