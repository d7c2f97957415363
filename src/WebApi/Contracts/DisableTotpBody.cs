namespace Orchestrator.WebApi.Contracts;

/// <summary>The body of <c>DELETE /api/v1/me/mfa/totp</c>.</summary>
/// <param name="CurrentPassword">The account's current password.</param>
/// <param name="Code">A 6-digit code from the authenticator, or an unused recovery code.</param>
public sealed record DisableTotpBody(string? CurrentPassword, string? Code);
