using Orchestrator.Application.Resources.CreateResource;
using static Orchestrator.UnitTests.Application.Validation.CreateResourceBodies;

namespace Orchestrator.UnitTests.Application.Validation;

public class CreateResourceTagsValidationTests
{
    private static readonly Dictionary<string, Dictionary<string, string>> InvalidTagSets = new()
    {
        ["51 tags"] = Tags(51),
        ["empty key"] = new() { [""] = "x" },
        ["key of 129 characters"] = new() { [new string('k', 129)] = "x" },
        ["value of 257 characters"] = new() { ["env"] = new string('v', 257) },
        ["key with a character AWS refuses"] = new() { ["env!"] = "dev" },
        ["value with a character AWS refuses"] = new() { ["env"] = "<dev>" },
        ["key with the aws: prefix"] = new() { ["aws:cloudformation:stack-name"] = "x" },
        ["key with the aws: prefix in upper case"] = new() { ["AWS:owner"] = "x" },
        ["key with the service's own prefix"] = new() { ["orchestrator:owner"] = "x" },
        ["null value"] = new() { ["env"] = null! },
    };

    private static readonly Dictionary<string, Dictionary<string, string>> ValidTagSets = new()
    {
        ["no tags"] = [],
        ["50 tags"] = Tags(50),
        ["key of 128 characters"] = new() { [new string('k', 128)] = "x" },
        ["value of 256 characters"] = new() { ["env"] = new string('v', 256) },
        ["empty value"] = new() { ["env"] = "" },
        ["every AWS punctuation character"] = new() { ["a_b.c:d/e=f+g-h@i j"] = "_.:/=+-@ " },
        ["unicode letters"] = new() { ["Gr\u00f6\u00dfe"] = "\u00dcberma\u00df" },
        ["aws inside a key, not as prefix"] = new() { ["team:aws:owner"] = "x" },
    };

    private readonly CreateResourceValidator _validator = Validator();

    public static TheoryData<string> InvalidCases => new(InvalidTagSets.Keys);

    public static TheoryData<string> ValidCases => new(ValidTagSets.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_tag_set_is_reported_under_tags(string @case) =>
        ValidationErrorKeys.Of(_validator, Ec2 with { Tags = InvalidTagSets[@case] }).ShouldBe(["tags"]);

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_tag_set_passes(string @case) =>
        ValidationErrorKeys.Of(_validator, Ec2 with { Tags = ValidTagSets[@case] }).ShouldBeEmpty();
}
