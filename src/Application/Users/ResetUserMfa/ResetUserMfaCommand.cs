using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.ResetUserMfa;

/// <summary>Turn a user's MFA off for them (a lost authenticator, or one a thief bound): recovery codes gone, every session ended (admin).</summary>
[RequiresPermission(Permission.ManageUsers)]
public sealed record ResetUserMfaCommand(Guid UserId) : ICommand<Unit>, IOptimisticChange;
