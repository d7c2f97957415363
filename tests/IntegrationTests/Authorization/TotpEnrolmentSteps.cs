using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Infrastructure;
using OtpNet;

namespace Orchestrator.IntegrationTests.Authorization;

/// <summary>
/// The enrolment calls the <c>mfa-enrolment-required</c> detail names, made as a client would, with an authenticator
/// whose codes are taken at whole steps around one moment so that each code is a different, unused time step.
/// </summary>
internal sealed class TotpEnrolmentSteps
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private TotpEnrolmentSteps(Totp totp, DateTime moment)
    {
        Totp = totp;
        Moment = moment;
    }

    public Totp Totp { get; }

    /// <summary>When the enrolment started; the server accepts codes one step either side of it.</summary>
    public DateTime Moment { get; }

    /// <summary>The previous step's code (confirms the enrolment, leaving this step's and the next for later calls).</summary>
    public string PreviousCode => Totp.ComputeTotp(Moment - Step);

    public string CurrentCode => Totp.ComputeTotp(Moment);

    public string NextCode => Totp.ComputeTotp(Moment + Step);

    /// <summary>Starts and confirms enrolment with the client of the signed-in user; MFA is on afterwards.</summary>
    public static async Task<TotpEnrolmentSteps> EnrolAsync(HttpClient client, string password)
    {
        await AwayFromStepBoundaryAsync();
        using var started = await client.SendJsonAsync(
            HttpMethod.Post, "/api/v1/me/mfa/totp", JsonSerializer.Serialize(new { currentPassword = password }));
        started.StatusCode.ShouldBe(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        var body = await started.ReadJsonAsync();
        var steps = new TotpEnrolmentSteps(new Totp(Base32Encoding.ToBytes(body["secret"]!.GetValue<string>())), DateTime.UtcNow);

        // 204 with no body, or 200 with the recovery codes: either turns MFA on.
        using var confirmed = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/me/mfa/totp/confirm", JsonSerializer.Serialize(new { code = steps.PreviousCode }));
        confirmed.IsSuccessStatusCode.ShouldBeTrue(await confirmed.Content.ReadAsStringAsync());
        return steps;
    }

    /// <summary>Turns MFA off with a code, sending <c>currentPassword</c> too where the body takes it.</summary>
    public static async Task<HttpResponseMessage> DisableAsync(HttpClient client, string password, string code)
    {
        var withPassword = await client.SendJsonAsync(
            HttpMethod.Delete, "/api/v1/me/mfa/totp", JsonSerializer.Serialize(new { currentPassword = password, code }));
        if (withPassword.StatusCode != HttpStatusCode.BadRequest || !await NamesUnknownPasswordFieldAsync(withPassword))
        {
            return withPassword;
        }

        withPassword.Dispose();
        return await client.SendJsonAsync(HttpMethod.Delete, "/api/v1/me/mfa/totp", JsonSerializer.Serialize(new { code }));
    }

    /// <summary>The access token's payload (already checked by the server; read here only to show its claims).</summary>
    public static JsonNode Claims(string accessToken) =>
        JsonNode.Parse(Base64UrlDecode(accessToken.Split('.')[1]))!;

    // The body was refused before any handler ran (an unknown member), so no code was spent.
    private static async Task<bool> NamesUnknownPasswordFieldAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync())["errors"] is JsonObject errors
        && errors.Any(e => e.Key.Contains("currentPassword", StringComparison.OrdinalIgnoreCase))
        && !(await response.Content.ReadAsStringAsync()).Contains("is not the current password", StringComparison.Ordinal);

    /// <summary>Waits out the last seconds of a step, so the previous step's code still confirms the enrolment.</summary>
    private static async Task AwayFromStepBoundaryAsync()
    {
        var intoStep = TimeSpan.FromSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() % (long)Step.TotalSeconds);
        if (intoStep > TimeSpan.FromSeconds(25))
        {
            await Task.Delay(Step - intoStep + TimeSpan.FromSeconds(1));
        }
    }

    private static byte[] Base64UrlDecode(string value)
    {
        var base64 = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
