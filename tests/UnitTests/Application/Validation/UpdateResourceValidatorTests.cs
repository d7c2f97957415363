using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Application.Lifecycle;
using Orchestrator.Application.Resources.UpdateResource;

namespace Orchestrator.UnitTests.Application.Validation;

public class UpdateResourceValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly UpdateResourceValidator _validator = new(
        Options.Create(new LifecycleOptions { MaxLifetime = TimeSpan.FromDays(30) }), new FakeTimeProvider(Now));

    [Fact]
    public void A_body_that_changes_nothing_is_refused() =>
        ValidationErrorKeys.Of(_validator, Command(null)).ShouldBe(["body"]);

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

    [Fact]
    public void Expiry_alone_or_protection_alone_is_a_change() =>
        new[]
        {
            Command(null) with { ChangesExpiry = true, ExpiresAt = null },
            Command(null) with { ChangesExpiry = true, ExpiresAt = Now.AddDays(1) },
            Command(null) with { DeletionProtection = false },
        }.ShouldAllBe(command => ValidationErrorKeys.Of(_validator, command).Length == 0);

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(31 * 24 * 60)]
    public void An_expiry_in_the_past_or_beyond_the_maximum_lifetime_is_refused(int minutesFromNow) =>
        ValidationErrorKeys.Of(_validator, Command(null) with { ChangesExpiry = true, ExpiresAt = Now.AddMinutes(minutesFromNow) }).ShouldBe(["expiresAt"]);

    private static UpdateResourceCommand Command(IReadOnlyDictionary<string, string>? tags) => new(Guid.NewGuid(), tags, IfMatch: null);
}
