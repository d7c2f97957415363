using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Account.DisableTotp;

/// <summary>Turn TOTP off, proven with a current code (a used code is refused).</summary>
[RequiresAuthentication]
public sealed record DisableTotpCommand(string? Code) : ICommand<Unit>, IOptimisticChange;
