using Orchestrator.Infrastructure.Sessions;

namespace Orchestrator.UnitTests.Infrastructure;

public class CommonPasswordListTests
{
    private static readonly EmbeddedCommonPasswordList List = new();

    [Fact]
    public void The_shipped_list_holds_the_whole_dictionary() =>
        List.Count.ShouldBe(49_233);

    [Theory]
    [InlineData("password")]
    [InlineData("1qaz2wsx3edc4rfv")]
    [InlineData("passwordpassword")]
    [InlineData("PASSWORDPASSWORD")]
    [InlineData("password123456789")]
    [InlineData("!!!dragon2024!!!")]
    [InlineData("abcabcabcabcabc")]
    [InlineData("zzzzzzzzzzzzzzzz")]
    [InlineData("qwertyuiop12345")]
    public void Common_breached_or_patterned_passwords_are_refused(string password) =>
        List.IsCommon(password).ShouldBeTrue();

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("integration-admin-passphrase-1")]
    [InlineData("Tr0ub4dor&3 plus some more")]
    public void Uncommon_passphrases_pass(string password) =>
        List.IsCommon(password).ShouldBeFalse();
}
