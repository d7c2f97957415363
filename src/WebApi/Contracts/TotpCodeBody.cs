namespace Orchestrator.WebApi.Contracts;

/// <summary>A 6-digit code from the authenticator app.</summary>
public sealed record TotpCodeBody(string? Code);
