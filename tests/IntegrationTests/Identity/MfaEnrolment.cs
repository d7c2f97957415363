using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;
using OtpNet;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>A user with TOTP turned on through the API: the authenticator, when the enrolment was confirmed, and the recovery codes.</summary>
internal sealed record MfaEnrolment(UserAccount User, Totp Totp, DateTime ConfirmedAt, IReadOnlyList<string> RecoveryCodes)
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>A code of the step after the one that confirmed the enrolment, which no request used yet.</summary>
    public string NextCode => Totp.ComputeTotp(ConfirmedAt + Step);

    public static async Task<MfaEnrolment> CreateAsync(OrchestratorApiFactory factory, string role = "operator")
    {
        var user = await UserAccount.CreateAsync(factory, role);
        var tokens = await factory.LoginAsync(user.Username, user.Password);
        using var client = factory.CreateBearerClient(tokens.Access());
        return await EnrolAsync(client, user);
    }

    /// <summary>Enrols and confirms with the client of the signed-in <paramref name="user"/>.</summary>
    public static async Task<MfaEnrolment> EnrolAsync(HttpClient client, UserAccount user)
    {
        using var enrolment = await client.SendJsonAsync(
            HttpMethod.Post, "/api/v1/me/mfa/totp", System.Text.Json.JsonSerializer.Serialize(new { currentPassword = user.Password }));
        enrolment.StatusCode.ShouldBe(HttpStatusCode.OK, await enrolment.Content.ReadAsStringAsync());
        var totp = new Totp(Base32Encoding.ToBytes((await enrolment.ReadJsonAsync())["secret"]!.GetValue<string>()));

        var now = DateTime.UtcNow;
        using var confirmed = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/mfa/totp/confirm", $$"""{"code":"{{totp.ComputeTotp(now)}}"}""");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        var codes = (await confirmed.ReadJsonAsync())["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        return new MfaEnrolment(user, totp, now, codes);
    }
}
