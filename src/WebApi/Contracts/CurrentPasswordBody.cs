namespace Orchestrator.WebApi.Contracts;

/// <summary>The body of <c>POST /api/v1/me/mfa/totp</c>: the current password, proving it is the account's owner.</summary>
public sealed record CurrentPasswordBody(string? CurrentPassword);
