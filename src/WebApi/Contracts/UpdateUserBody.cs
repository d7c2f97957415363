namespace Orchestrator.WebApi.Contracts;

/// <summary>The body of <c>PATCH /api/v1/users/{id}</c>: either field, or both.</summary>
/// <param name="Role">admin, operator or viewer.</param>
/// <param name="Disabled">true stops the user's logins and ends their sessions.</param>
public sealed record UpdateUserBody(string? Role, bool? Disabled);
