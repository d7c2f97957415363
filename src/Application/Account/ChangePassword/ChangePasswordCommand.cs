using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Account.ChangePassword;

/// <summary>Change one's own password; every session of the user ends, this one included.</summary>
[RequiresAuthentication]
public sealed record ChangePasswordCommand(string? CurrentPassword, string? NewPassword) : ICommand<Unit>, IOptimisticChange;
