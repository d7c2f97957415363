namespace Orchestrator.WebApi.Contracts;

/// <summary>The body of <c>POST /api/v1/me/password</c>.</summary>
public sealed record ChangePasswordBody(string? CurrentPassword, string? NewPassword);
