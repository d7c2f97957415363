namespace Orchestrator.Application.Common.Sessions;

/// <summary>RFC 6238 TOTP (30-second steps, 6 digits, SHA-1 as authenticator apps expect).</summary>
public interface ITotpAuthenticator
{
    /// <summary>A new random shared secret, base32-encoded.</summary>
    string NewSecret();

    string OtpAuthUri(string issuer, string username, string secret);

    /// <summary>Checks a code against the current step and one step either side; returns the matched step.</summary>
    bool TryVerify(string secret, string? code, out long step);
}
