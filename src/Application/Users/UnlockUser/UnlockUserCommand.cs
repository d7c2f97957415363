using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.UnlockUser;

/// <summary>End a user's lockout and clear their failed-attempt count (admin).</summary>
[RequiresPermission(Permission.ManageUsers)]
public sealed record UnlockUserCommand(Guid UserId) : ICommand<Unit>, IOptimisticChange;
