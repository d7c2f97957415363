using Mediator;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Users.GetCurrentUser;

[RequiresAuthentication]
public sealed record GetCurrentUserQuery : IQuery<CurrentUserDto>;

/// <summary>The caller's own profile: <c>{id, username, role, mfaEnabled}</c>.</summary>
public sealed record CurrentUserDto(Guid Id, string Username, string Role, bool MfaEnabled);
