using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Account.EnrollTotp;

/// <summary>Start TOTP enrolment: a new secret, shown once, active after confirmation with a code.</summary>
[RequiresAuthentication]
public sealed record EnrollTotpCommand : ICommand<TotpEnrolment>, IOptimisticChange;

public sealed record TotpEnrolment(string Secret, string OtpauthUri);
