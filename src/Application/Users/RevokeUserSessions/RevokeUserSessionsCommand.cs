using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.RevokeUserSessions;

/// <summary>End every session of a user (admin): refresh tokens revoked, access tokens refused at once.</summary>
[RequiresPermission(Permission.ManageUsers)]
public sealed record RevokeUserSessionsCommand(Guid UserId) : ICommand<Unit>, IOptimisticChange;
