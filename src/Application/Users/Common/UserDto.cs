namespace Orchestrator.Application.Users.Common;

/// <summary>A user as the API returns it. Never carries the password hash.</summary>
public sealed record UserDto(Guid Id, string Username, string Role, bool MfaEnabled, bool Disabled, DateTimeOffset CreatedAt);
