using Orchestrator.Application.Resources.UpdateResourceTags;

namespace Orchestrator.UnitTests.Application.Validation;

public class UpdateResourceTagsValidatorTests
{
    private readonly UpdateResourceTagsValidator _validator = new();

    [Fact]
    public void Tags_are_required() =>
        ValidationErrorKeys.Of(_validator, Command(null)).ShouldBe(["tags"]);

    [Fact]
    public void An_empty_tag_set_is_how_every_tag_is_removed() =>
        ValidationErrorKeys.Of(_validator, Command(new Dictionary<string, string>())).ShouldBeEmpty();

    [Fact]
    public void Fifty_tags_pass() =>
        ValidationErrorKeys.Of(_validator, Command(CreateResourceBodies.Tags(50))).ShouldBeEmpty();

    [Fact]
    public void Fifty_one_tags_are_refused() =>
        ValidationErrorKeys.Of(_validator, Command(CreateResourceBodies.Tags(51))).ShouldBe(["tags"]);

    [Theory]
    [InlineData("aws:name", "x")]
    [InlineData("env", "a;b")]
    [InlineData("", "x")]
    public void The_create_rules_apply_to_each_tag(string key, string value) =>
        ValidationErrorKeys.Of(_validator, Command(new Dictionary<string, string> { [key] = value })).ShouldBe(["tags"]);

    private static UpdateResourceTagsCommand Command(IReadOnlyDictionary<string, string>? tags) => new(Guid.NewGuid(), tags, IfMatch: null);
}
