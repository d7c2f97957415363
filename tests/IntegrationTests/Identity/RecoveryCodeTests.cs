using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>Confirming MFA hands out 10 single-use recovery codes, stored hashed, each accepted once in place of a TOTP code.</summary>
public sealed class RecoveryCodeTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Each_recovery_code_logs_in_once_and_only_its_hash_is_stored()
    {
        var mfa = await MfaEnrolment.CreateAsync(factory);
        mfa.RecoveryCodes.Count.ShouldBe(10);
        mfa.RecoveryCodes.Distinct().Count().ShouldBe(10);
        mfa.RecoveryCodes.ShouldAllBe(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$"));

        var code = mfa.RecoveryCodes[0];
        (await factory.LoginAsync(mfa.User.Username, mfa.User.Password, code)).Access().ShouldNotBeNullOrEmpty();
        var (again, body) = await factory.PostTokenAsync(("grant_type", "password"), ("username", mfa.User.Username), ("password", mfa.User.Password), ("otp", code));
        again.ShouldBe(HttpStatusCode.BadRequest, "a recovery code works once");
        body["error"]!.GetValue<string>().ShouldBe("invalid_grant");

        // Typed in lower case without dashes, another code still works.
        (await factory.LoginAsync(mfa.User.Username, mfa.User.Password, mfa.RecoveryCodes[1].Replace("-", string.Empty).ToLowerInvariant()))
            .Access().ShouldNotBeNullOrEmpty();

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var stored = await db.RecoveryCodes.Where(c => c.UserId == mfa.User.Id).Select(c => c.CodeHash).ToListAsync();
        stored.Count.ShouldBe(8);
        stored.ShouldAllBe(hash => hash.Length == 64 && mfa.RecoveryCodes.All(c => !hash.Contains(c.Replace("-", string.Empty), StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Enrolling_again_replaces_the_recovery_codes()
    {
        var mfa = await MfaEnrolment.CreateAsync(factory);
        var tokens = await factory.LoginAsync(mfa.User.Username, mfa.User.Password, mfa.NextCode);
        using var client = factory.CreateBearerClient(tokens.Access());
        using (var off = await client.SendJsonAsync(
            HttpMethod.Delete, "/api/v1/me/mfa/totp", JsonSerializer.Serialize(new { currentPassword = mfa.User.Password, code = mfa.RecoveryCodes[0] })))
        {
            off.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        // Turning MFA off ended the session: enrol again from a new (password-only) one.
        using var signedInAgain = factory.CreateBearerClient((await factory.LoginAsync(mfa.User.Username, mfa.User.Password)).Access());
        var again = await MfaEnrolment.EnrolAsync(signedInAgain, mfa.User);
        again.RecoveryCodes.Intersect(mfa.RecoveryCodes).ShouldBeEmpty();
        (await factory.PostTokenAsync(("grant_type", "password"), ("username", mfa.User.Username), ("password", mfa.User.Password), ("otp", mfa.RecoveryCodes[1])))
            .Status.ShouldBe(HttpStatusCode.BadRequest, "the codes of the first enrolment are gone");
        (await factory.LoginAsync(mfa.User.Username, mfa.User.Password, again.RecoveryCodes[1])).Access().ShouldNotBeNullOrEmpty();
    }
}
