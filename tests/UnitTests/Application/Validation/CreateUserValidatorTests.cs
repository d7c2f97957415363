using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Application.Users.CreateUser;
using Orchestrator.Infrastructure.Security;
using Orchestrator.Infrastructure.Sessions;

namespace Orchestrator.UnitTests.Application.Validation;

public class CreateUserValidatorTests
{
    private static readonly CreateUserCommand Valid = new("alice", "Vq7-meadow Lx92 kPz quarry", "operator");

    private readonly CreateUserValidator _validator = new(
        new EmbeddedCommonPasswordList(), new ZxcvbnPasswordStrengthEstimator(Options.Create(new PasswordStrengthOptions())));

    /// <summary>A password of the given length that is on no list, repeats no pattern and is hard to guess.</summary>
    private static string PasswordOf(int length) =>
        string.Concat(Enumerable.Repeat("Vq7-meadow Lx92 kPz cobalt Rt4 lantern Wm8 quarry 3Jd ", 3))[..length];

    [Theory]
    [InlineData("123456789012345")]
    [InlineData("qwertyuiopasdfgh")]
    [InlineData("abcdefghijklmnop")]
    [InlineData("correcthorsebatterystaple")]
    public void Guessable_password_is_refused(string password) =>
        ValidationErrorKeys.Of(_validator, Valid with { Password = password }).ShouldBe(["password"]);

    [Theory]
    [InlineData(15)]
    [InlineData(128)]
    public void Password_of_15_to_128_characters_passes(int length) =>
        ValidationErrorKeys.Of(_validator, Valid with { Password = PasswordOf(length) }).ShouldBeEmpty();

    [Theory]
    [InlineData(14)]
    [InlineData(129)]
    [InlineData(0)]
    public void Password_outside_15_to_128_characters_is_refused(int length) =>
        ValidationErrorKeys.Of(_validator, Valid with { Password = PasswordOf(length) }).ShouldBe(["password"]);

    [Fact]
    public void Missing_password_is_refused() =>
        ValidationErrorKeys.Of(_validator, Valid with { Password = null }).ShouldBe(["password"]);

    [Theory]
    [InlineData("alice-long-password-1")]
    [InlineData("my-ALICE-is-long-enough")]
    [InlineData("xxxxxxxxxxxxxxxAlIcE")]
    public void Password_containing_the_username_in_any_case_is_refused(string password) =>
        ValidationErrorKeys.Of(_validator, Valid with { Password = password }).ShouldBe(["password"]);

    [Theory]
    [InlineData("admin")]
    [InlineData("operator")]
    [InlineData("viewer")]
    public void Each_role_name_passes(string role) =>
        ValidationErrorKeys.Of(_validator, Valid with { Role = role }).ShouldBeEmpty();

    [Theory]
    [InlineData("root")]
    [InlineData("1")]
    [InlineData("viewer,admin")]
    [InlineData("Admin")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_role_is_refused(string? role) =>
        ValidationErrorKeys.Of(_validator, Valid with { Role = role }).ShouldBe(["role"]);

    [Theory]
    [InlineData("alice")]
    [InlineData("ops.team-1")]
    [InlineData("alice@example.com")]
    public void Usernames_of_letters_digits_and_dot_underscore_hyphen_at_pass(string username) =>
        ValidationErrorKeys.Of(_validator, Valid with { Username = username }).ShouldBeEmpty();

    [Theory]
    [InlineData("al")]
    [InlineData("-alice")]
    [InlineData("alice smith")]
    [InlineData("bob\n")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_username_is_refused(string? username) =>
        ValidationErrorKeys.Of(_validator, Valid with { Username = username }).ShouldBe(["username"]);
}
