using Orchestrator.Domain.Resources;

namespace Orchestrator.UnitTests.Domain;

public class ResourceRulesTests
{
    [Theory]
    [InlineData("abc", true)]
    [InlineData("Web01", true)]
    [InlineData("ab", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("web-01", false)]
    [InlineData("web_01", false)]
    [InlineData("web 01", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("web01\u0661", false)]
    [InlineData("web01\n", false)]
    public void Name_is_3_to_63_ASCII_letters_and_digits(string? name, bool valid) =>
        ResourceRules.IsValidName(name).ShouldBe(valid);

    [Fact]
    public void Name_length_bounds_are_63_in_and_64_out()
    {
        ResourceRules.IsValidName(new string('a', 63)).ShouldBeTrue();
        ResourceRules.IsValidName(new string('a', 64)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("ami-0123456789abcdef0", true)]
    [InlineData("ami-12345678", true)]
    [InlineData("ami-123", false)]
    [InlineData("ami-0123456789ABCDEF0", false)]
    [InlineData("ami-0123456789abcdef", false)]
    [InlineData("ami-0123456789abcdef01", false)]
    [InlineData("ami-0123456789abcdefg", false)]
    [InlineData("0123456789abcdef0", false)]
    [InlineData("ami_0123456789abcdef0", false)]
    [InlineData("ami-12345678\n", false)]
    [InlineData(null, false)]
    public void Image_id_is_ami_with_8_or_17_lower_case_hex_digits(string? imageId, bool valid) =>
        ResourceRules.IsValidImageId(imageId).ShouldBe(valid);

    [Theory]
    [InlineData("us-east-1", true)]
    [InlineData("eu-west-2", true)]
    [InlineData("ap-southeast-2", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("US-EAST-1", false)]
    [InlineData("us-east", false)]
    [InlineData("useast1", false)]
    [InlineData("us-east-1\n", false)]
    [InlineData("us-east-1a", false)]
    [InlineData("mars-north-1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Region_code_looks_like_an_AWS_region(string? region, bool valid) =>
        ResourceRules.LooksLikeRegionCode(region).ShouldBe(valid);

    [Theory]
    [InlineData("env", true)]
    [InlineData("Cost Center", true)]
    [InlineData("a_b.c:d/e=f+g-h@i", true)]
    [InlineData("Gr\u00f6\u00dfe", true)]
    [InlineData("", true)]
    [InlineData("a!b", false)]
    [InlineData("a#b", false)]
    [InlineData("<script>", false)]
    [InlineData("a,b", false)]
    [InlineData("a\"b", false)]
    [InlineData("a\tb", false)]
    [InlineData("dev\n", false)]
    public void Tag_characters_are_the_AWS_set(string value, bool valid) =>
        ResourceRules.HasOnlyTagCharacters(value).ShouldBe(valid);
}
