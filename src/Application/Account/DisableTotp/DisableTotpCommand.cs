using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Account.DisableTotp;

/// <summary>Turn TOTP off, proven with the current password and an unused TOTP code or recovery code.</summary>
[RequiresAuthentication]
public sealed record DisableTotpCommand(string? CurrentPassword, string? Code) : ICommand<Unit>, IOptimisticChange;
