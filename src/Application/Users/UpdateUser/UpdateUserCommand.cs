using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Users.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.UpdateUser;

/// <summary>Change a user's role and/or disable or enable them (admin). Either change ends the user's sessions.</summary>
[RequiresPermission(Permission.ManageUsers)]
public sealed record UpdateUserCommand(Guid UserId, string? Role, bool? Disabled) : ICommand<UserDto>, IOptimisticChange;
