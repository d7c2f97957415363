using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;
using OtpNet;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>TOTP MFA: enrolment, confirmation, login with a code, wrong and replayed codes, turning it off.</summary>
public sealed class TotpTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Login_with_mfa_needs_a_fresh_code_and_refuses_wrong_and_replayed_ones()
    {
        var user = await UserAccount.CreateAsync(factory);
        var (totp, confirmedAt, _) = await EnrolAsync(user);

        var (missingStatus, missing) = await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password));
        missingStatus.ShouldBe(HttpStatusCode.BadRequest);
        missing["error"]!.GetValue<string>().ShouldBe("mfa_required");

        var wrongCode = totp.ComputeTotp(confirmedAt) == "000000" ? "111111" : "000000";
        (await LoginWithCodeAsync(user, wrongCode)).ShouldBe(HttpStatusCode.BadRequest);

        // The code that confirmed enrolment was used: it cannot log in.
        (await LoginWithCodeAsync(user, totp.ComputeTotp(confirmedAt))).ShouldBe(HttpStatusCode.BadRequest);

        var next = totp.ComputeTotp(confirmedAt + Step);
        (await LoginWithCodeAsync(user, next)).ShouldBe(HttpStatusCode.OK);
        (await LoginWithCodeAsync(user, next)).ShouldBe(HttpStatusCode.BadRequest, "a code works once");
    }

    [Fact]
    public async Task Mfa_is_turned_off_only_with_an_unused_code()
    {
        var user = await UserAccount.CreateAsync(factory);
        var (totp, confirmedAt, accessToken) = await EnrolAsync(user);
        using var client = factory.CreateBearerClient(accessToken);

        // The code that confirmed enrolment was used and cannot turn MFA off.
        using (var replay = await client.SendJsonAsync(HttpMethod.Delete, "/api/v1/me/mfa/totp", $$"""{"currentPassword":"{{user.Password}}","code":"{{totp.ComputeTotp(confirmedAt)}}"}"""))
        {
            (await replay.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["code"].ShouldNotBeNull();
        }

        using (var off = await client.SendJsonAsync(HttpMethod.Delete, "/api/v1/me/mfa/totp", $$"""{"currentPassword":"{{user.Password}}","code":"{{totp.ComputeTotp(confirmedAt + Step)}}"}"""))
        {
            off.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var tokens = await factory.LoginAsync(user.Username, user.Password);
        tokens.Access().ShouldNotBeNullOrEmpty();
    }

    /// <summary>Enrols and confirms TOTP; returns the authenticator, the confirmation time and a token from before MFA was on.</summary>
    private async Task<(Totp Totp, DateTime ConfirmedAt, string AccessToken)> EnrolAsync(UserAccount user)
    {
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        using var client = factory.CreateBearerClient(tokens.Access());
        using var enrolment = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/mfa/totp", $$"""{"currentPassword":"{{user.Password}}"}""");
        enrolment.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await enrolment.ReadJsonAsync();
        var secret = body["secret"]!.GetValue<string>();
        body["otpauthUri"]!.GetValue<string>().ShouldStartWith("otpauth://totp/");
        var totp = new Totp(Base32Encoding.ToBytes(secret));

        using (var wrong = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/mfa/totp/confirm", """{"code":"12345"}"""))
        {
            (await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["code"].ShouldNotBeNull();
        }

        var now = DateTime.UtcNow;
        using (var confirmed = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/mfa/totp/confirm", $$"""{"code":"{{totp.ComputeTotp(now)}}"}"""))
        {
            confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var me = await client.GetAsync("/api/v1/me");
        (await me.ReadJsonAsync())["mfaEnabled"]!.GetValue<bool>().ShouldBeTrue();
        return (totp, now, tokens.Access());
    }

    private async Task<HttpStatusCode> LoginWithCodeAsync(UserAccount user, string code) =>
        (await factory.PostTokenAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password), ("otp", code))).Status;
}
