using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Account.EnrollTotp;

/// <summary>Start TOTP enrolment, proven with the current password: a new secret, shown once, active after confirmation with a code.</summary>
[RequiresAuthentication]
public sealed record EnrollTotpCommand(string? CurrentPassword) : ICommand<TotpEnrolment>, IOptimisticChange;

public sealed record TotpEnrolment(string Secret, string OtpauthUri);
