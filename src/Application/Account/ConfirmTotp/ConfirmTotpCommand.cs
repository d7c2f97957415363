using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Account.ConfirmTotp;

/// <summary>Finish enrolment with a code from the authenticator: MFA is on from then, with new recovery codes.</summary>
[RequiresAuthentication]
public sealed record ConfirmTotpCommand(string? Code) : ICommand<RecoveryCodeList>, IOptimisticChange;

/// <summary>The single-use recovery codes, shown once: each works once in place of a TOTP code.</summary>
public sealed record RecoveryCodeList(IReadOnlyList<string> RecoveryCodes);
