using Orchestrator.Application.Common.Sessions;
using OtpNet;

namespace Orchestrator.Infrastructure.Sessions;

/// <summary>TOTP through Otp.NET: 160-bit secrets, 30-second steps, 6 digits, one step of clock drift either way.</summary>
public sealed class OtpNetTotpAuthenticator(TimeProvider clock) : ITotpAuthenticator
{
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    public string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public string OtpAuthUri(string issuer, string username, string secret) =>
        new OtpUri(OtpType.Totp, secret, username, issuer).ToString();

    public bool TryVerify(string secret, string? code, out long step)
    {
        step = 0;
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out step, Drift);
    }
}
