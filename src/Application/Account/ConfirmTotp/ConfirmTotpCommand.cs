using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Account.ConfirmTotp;

/// <summary>Finish enrolment with a code from the authenticator: MFA is on from then.</summary>
[RequiresAuthentication]
public sealed record ConfirmTotpCommand(string? Code) : ICommand<Unit>, IOptimisticChange;
