using Orchestrator.Domain.Users;

namespace Orchestrator.UnitTests.Domain;

public sealed class RecoveryCodeTests
{
    private static readonly Guid UserId = Guid.Parse("5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12");

    [Fact]
    public void A_code_is_found_by_its_hash_in_any_case_and_with_or_without_dashes()
    {
        var (code, row) = RecoveryCode.Issue(UserId, DateTimeOffset.UnixEpoch);
        code.ShouldMatch("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$");
        row.CodeHash.Length.ShouldBe(64);
        row.CodeHash.ShouldNotContain(code.Replace("-", string.Empty), Case.Insensitive);
        RecoveryCode.HashOf(UserId, code).ShouldBe(row.CodeHash);
        RecoveryCode.HashOf(UserId, code.Replace("-", string.Empty).ToLowerInvariant()).ShouldBe(row.CodeHash);
        RecoveryCode.HashOf(Guid.NewGuid(), code).ShouldNotBe(row.CodeHash, "the hash is bound to the user");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("123456")]
    [InlineData("ABCD-EFGH-JKMN-PQR")]
    [InlineData("ABCD-EFGH-JKMN-PQRU")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01")]
    public void Text_that_cannot_be_a_code_has_no_hash(string? text) => RecoveryCode.HashOf(UserId, text).ShouldBeNull();
}
