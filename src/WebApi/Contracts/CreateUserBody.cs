namespace Orchestrator.WebApi.Contracts;

/// <summary>The body of <c>POST /api/v1/users</c>.</summary>
/// <param name="Username">3 to 64 letters, digits and . _ - @; stored lower-case.</param>
/// <param name="Password">15 to 128 characters, not containing the username.</param>
/// <param name="Role">admin, operator or viewer.</param>
public sealed record CreateUserBody(string? Username, string? Password, string? Role);
